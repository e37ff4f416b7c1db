"""Two-factor login: turning it on and off, recovery codes, and checking a code.

Two-factor login is on when the user has a confirmed TOTP device (django-otp's
``otp_totp``); the recovery codes are the tokens of their static device (``otp_static``),
stored as hashes (``accounts.two_factor.recovery_code_hash``) and each removed when used.
Every code checked goes through ``two_factor_check``, which records a failed code in the
audit log and lets each device slow down repeated wrong codes (django-otp's throttling);
counting failures towards the login lockout is the login's job (it has the request).
"""

from __future__ import annotations

import time
from binascii import unhexlify
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import permissions, two_factor
from accounts.events import AccountVerb
from accounts.exceptions import CodesThrottled, TwoFactorAlreadyOn, TwoFactorOff, WrongCode
from accounts.models import User
from core.exceptions import NotAllowed
from core.services import audit_log
from core.transactions import service_atomic

DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"
TOTP_DIGITS = 6
TOTP_STEP = 30
TOTP_TOLERANCE = 1


@dataclass(frozen=True)
class CodeCheck:
    """What checking a code found: the device that accepted it, or none; ``throttled``
    when a device refused to look because of recent wrong codes."""

    device: Device | None
    throttled: bool = False

    @property
    def accepted(self) -> bool:
        return self.device is not None

    def refusal(self) -> WrongCode | CodesThrottled:
        """The error that says why the code was refused."""
        return CodesThrottled() if self.throttled else WrongCode()

    def raise_unless_accepted(self) -> None:
        if self.device is None:
            raise self.refusal()


def _lock_user(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _replace_recovery_codes(user: User) -> list[str]:
    """A fresh set of recovery codes in the user's one static device; the old ones stop
    working. Returns the codes in clear, to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [two_factor.new_recovery_code() for _ in range(two_factor.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=two_factor.recovery_code_hash(code)) for code in codes
    )
    return [two_factor.format_recovery_code(code) for code in codes]


def _totp_matches(key: str, code: str) -> TOTP | None:
    normalised = two_factor.normalise_code(code)
    if len(normalised) != TOTP_DIGITS or not normalised.isdigit():
        return None
    totp = TOTP(unhexlify(key.encode()), step=TOTP_STEP, digits=TOTP_DIGITS)
    totp.time = time.time()
    return totp if totp.verify(int(normalised), tolerance=TOTP_TOLERANCE) else None


@dataclass(frozen=True)
class TwoFactorEnabled:
    device: TOTPDevice
    recovery_codes: list[str]


@service_atomic
def two_factor_enable(*, user: User, key: str, code: str) -> TwoFactorEnabled:
    """Turn two-factor login on with the secret ``key`` (hex) the user's authenticator app
    was given, proven by a ``code`` it shows now.

    Creates the confirmed TOTP device and ten recovery codes (returned in clear, to be shown
    once; stored hashed) and records ``user.two_factor_enabled``. Raises ``WrongCode`` when
    the code does not match the key and ``TwoFactorAlreadyOn`` when it is on already;
    nothing is stored then.
    """
    if not permissions.can_use_two_factor(user):
        raise NotAllowed()
    user = _lock_user(user)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise TwoFactorAlreadyOn()
    totp = _totp_matches(key, code)
    if totp is None:
        message = _(
            "This code does not match. Check that the app added the key shown here and "
            "type the code it shows now."
        )
        raise WrongCode(message, extra={"fields": {"code": [message]}})
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user,
        name=DEVICE_NAME,
        key=key,
        step=TOTP_STEP,
        digits=TOTP_DIGITS,
        tolerance=TOTP_TOLERANCE,
        confirmed=True,
        # The code that confirmed the device cannot be used again to log in.
        last_t=totp.t(),
        drift=totp.drift,
    )
    codes = _replace_recovery_codes(user)
    audit_log(actor=user, verb=AccountVerb.TWO_FACTOR_ENABLED, target=user)
    return TwoFactorEnabled(device=device, recovery_codes=codes)


@service_atomic
def two_factor_check(*, user: User, code: str) -> CodeCheck:
    """Check a code typed by ``user``: the current code of their authenticator, or one of
    their recovery codes (which is then used up and ``user.recovery_code_used`` recorded).

    Never raises for a wrong code, so that what it records stays: a wrong code counts
    towards the device's throttling and is recorded as ``user.two_factor_code_failed``.
    Callers decide what a refusal means (``CodeCheck.raise_unless_accepted``).
    """
    normalised = two_factor.normalise_code(code)
    totp_device = (
        TOTPDevice.objects.select_for_update().filter(user_id=user.pk, confirmed=True).first()
    )
    if totp_device is None:
        return CodeCheck(device=None)
    throttled = False
    if normalised.isdigit():
        allowed, _details = totp_device.verify_is_allowed()
        if allowed and totp_device.verify_token(normalised):
            return CodeCheck(device=totp_device)
        throttled = not allowed
    elif normalised:
        recovery = (
            StaticDevice.objects.select_for_update().filter(user_id=user.pk, confirmed=True).first()
        )
        if recovery is not None:
            allowed, _details = recovery.verify_is_allowed()
            if allowed and recovery.verify_token(two_factor.recovery_code_hash(normalised)):
                audit_log(
                    actor=user,
                    verb=AccountVerb.RECOVERY_CODE_USED,
                    target=user,
                    data={"codes_left": recovery.token_set.count()},
                )
                return CodeCheck(device=recovery)
            throttled = not allowed
    audit_log(
        actor=user,
        verb=AccountVerb.TWO_FACTOR_CODE_FAILED,
        target=user,
        data={"throttled": throttled},
    )
    return CodeCheck(device=None, throttled=throttled)


def two_factor_disable(*, user: User, code: str) -> None:
    """Turn two-factor login off, proven by a current code or a recovery code: the
    authenticator device and the recovery codes are deleted and
    ``user.two_factor_disabled`` recorded. A wrong code raises ``WrongCode`` (or
    ``CodesThrottled``) and is recorded as failed; nothing else changes."""
    if not TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists():
        raise TwoFactorOff()
    # Checked in its own transaction: a refused code stays recorded.
    two_factor_check(user=user, code=code).raise_unless_accepted()
    with transaction.atomic():
        user = _lock_user(user)
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_log(actor=user, verb=AccountVerb.TWO_FACTOR_DISABLED, target=user)


def recovery_codes_regenerate(*, user: User, code: str) -> list[str]:
    """Replace the recovery codes with ten new ones (returned in clear, to be shown once),
    proven by a current code; records ``user.recovery_codes_regenerated``. A wrong code
    raises ``WrongCode`` (or ``CodesThrottled``) and is recorded as failed."""
    if not TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists():
        raise TwoFactorOff()
    two_factor_check(user=user, code=code).raise_unless_accepted()
    with transaction.atomic():
        user = _lock_user(user)
        codes = _replace_recovery_codes(user)
        audit_log(actor=user, verb=AccountVerb.RECOVERY_CODES_REGENERATED, target=user)
    return codes
