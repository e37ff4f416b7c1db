"""Helpers for the two-factor login tests: codes computed as an authenticator app would."""

from __future__ import annotations

import time
from binascii import unhexlify

from django_otp.oath import TOTP

from accounts import services, two_factor

STEP = 30


def code_for(key: str) -> str:
    """The 6-digit code an authenticator app holding ``key`` (hex) shows now (time-machine
    moves "now")."""
    generator = TOTP(unhexlify(key), step=STEP, digits=6)
    generator.time = time.time()
    return f"{generator.token():06d}"


def turn_on(user) -> services.TwoFactorEnabled:
    """Two-factor login on for ``user``, as the setup page does it. The code that confirmed
    it is spent: the next code needs the clock moved on by a step (``STEP`` seconds)."""
    key = two_factor.new_totp_key()
    return services.two_factor_enable(user=user, key=key, code=code_for(key))
