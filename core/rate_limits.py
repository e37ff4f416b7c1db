"""Security rate limits counted in the database: how often a mail may be asked for (a
password reset per address and per client, a new verification link per user).

Unlike the API's throttles (``core.throttling``, counted in the cache, which fails open
when Redis is away), these are rows of ``RateLimitHit``, so they hold whatever the cache
does. ``hit`` counts one attempt and says whether it is within every limit; an attempt
beyond a limit is counted too, so hammering does not reopen the window. Concurrent
attempts for the same key may each see the count before the others' rows (a limit may be
exceeded by the number of requests in flight); a caller that needs it exact locks a row
of its own first (the user, for the verification link).

Keys are SHA-256 digests of what is counted, so the table does not keep the addresses
people typed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from core.models import RateLimitHit


@dataclass(frozen=True)
class Limit:
    """At most ``count`` attempts within ``window``."""

    count: int
    window: timedelta


def digest(value: object) -> str:
    return hashlib.sha256(str(value).strip().lower().encode()).hexdigest()


def hit(scope: str, value: object, limits: tuple[Limit, ...]) -> bool:
    """Count an attempt of ``scope`` for ``value``; True if, with it, no limit is
    exceeded. Rows older than the longest window are deleted on the way."""
    now = timezone.now()
    key = digest(value)
    longest = max(limit.window for limit in limits)
    hits = RateLimitHit.objects.filter(scope=scope, key=key)
    hits.filter(at__lt=now - longest).delete()
    allowed = all(hits.filter(at__gt=now - limit.window).count() < limit.count for limit in limits)
    RateLimitHit.objects.create(scope=scope, key=key, at=now)
    return allowed
