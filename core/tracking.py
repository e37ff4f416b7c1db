"""Tracking numbers for receipts: short, unambiguous, unguessable.

``SOP-2026-7F3K-9QX2``: an authority prefix, the year, and 8 characters of Crockford's
base32 (no I, L, O, U, so nothing is misread over the phone) drawn from ``secrets``:
40 random bits, so guessing one is hopeless, and a unique constraint catches the
astronomically rare clash.
"""

from __future__ import annotations

import re
import secrets

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARACTERS = 8
_PATTERN = re.compile(r"^[A-Z0-9]{1,10}-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def new_tracking_number(*, prefix: str, year: int) -> str:
    random_part = "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(RANDOM_CHARACTERS))
    return f"{prefix.upper()}-{year:04d}-{random_part[:4]}-{random_part[4:]}"


def normalise_tracking_number(value: str) -> str:
    """Accept what people type: lower case, spaces, and O/I/L for 0/1/1 in the random part."""
    parts = value.strip().upper().replace(" ", "").split("-")
    confusable = str.maketrans("OIL", "011")
    return "-".join(parts[:2] + [part.translate(confusable) for part in parts[2:]])


def is_tracking_number(value: str) -> bool:
    return bool(_PATTERN.match(value))
