"""Two-factor login: the roles that may be required to use it, and the recovery codes.

A user has two-factor login on when they have a confirmed TOTP device (django-otp's
``otp_totp``); their recovery codes are the tokens of their static device
(``otp_static``), stored as hashes (``recovery_code_hash``), each usable once.

Which roles must use it is ``settings.TWO_FACTOR_REQUIRED_ROLES``. A role is a name and a
predicate over the request's viewer; accounts knows administrators and officials, and an
app that knows another role registers it in its ``AppConfig.ready`` (the council's
officers, ``opinions``), so accounts does not import it.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from typing import Any

RECOVERY_CODE_COUNT = 10
# 12 characters of base32: 60 random bits a code, shown in groups of four.
RECOVERY_CODE_LENGTH = 12
_RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"

ROLE_ADMINISTRATOR = "administrator"
ROLE_OFFICIAL = "official"

RolePredicate = Callable[[Any], bool]

_roles: dict[str, RolePredicate] = {}


def register_role(name: str, holds: RolePredicate) -> None:
    """Name a role that ``TWO_FACTOR_REQUIRED_ROLES`` may list; ``holds(viewer)`` says
    whether the viewer has it (registering a name again replaces its predicate)."""
    _roles[name] = holds


def role_names() -> list[str]:
    return list(_roles)


def holds_role(name: str, viewer: Any) -> bool:
    holds = _roles.get(name)
    return holds is not None and holds(viewer)


def _is_administrator(viewer: Any) -> bool:
    return bool(viewer.is_administrator)


def _is_official(viewer: Any) -> bool:
    return bool(viewer.is_official)


register_role(ROLE_ADMINISTRATOR, _is_administrator)
register_role(ROLE_OFFICIAL, _is_official)


def normalise_code(code: str) -> str:
    """What the user typed, without spaces and dashes, in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def new_recovery_code() -> str:
    return "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))


def format_recovery_code(code: str) -> str:
    """``abcdefghijkl`` as ``abcd-efgh-ijkl``."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def recovery_code_hash(code: str) -> str:
    """What is stored of a recovery code: 16 characters (the width of django-otp's static
    token) of the SHA-256 of the normalised code. The codes are random and long enough that
    an unsalted hash does not reveal them, and no secret key is involved, so rotating
    ``SECRET_KEY`` does not invalidate them."""
    digest = hashlib.sha256(normalise_code(code).encode()).digest()
    return base64.b32encode(digest).decode()[:16].lower()


def new_totp_key() -> str:
    """A new secret for an authenticator app: 20 random bytes, hex-encoded (django-otp's
    TOTP device's ``key``)."""
    return secrets.token_hex(20)


def totp_key_base32(key: str) -> str:
    """The secret as an authenticator app takes it typed in: base32, in groups of four."""
    text = base64.b32encode(bytes.fromhex(key)).decode()
    return " ".join(text[start : start + 4] for start in range(0, len(text), 4))
