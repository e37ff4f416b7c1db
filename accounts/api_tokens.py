"""API token keys: how they are made and how they are stored (``ApiToken``).

A key is 256 random bits, URL-safe; the database keeps its SHA-256 (a leaked table gives
no usable key, and the key is long and random enough that a fast hash is the right one)
and its first ``PREFIX_LENGTH`` characters, which the profile shows to tell tokens apart.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings

PREFIX_LENGTH = 8


def new_key() -> str:
    return secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str:
    return key[:PREFIX_LENGTH]


def expiry_from(now: datetime) -> datetime:
    return now + timedelta(days=settings.API_TOKEN_TTL_DAYS)
