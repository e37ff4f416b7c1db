"""The API's throttles: DRF's, counting per client address as ``core.client_ip``
resolves it.

Kept apart from ``core.api``: DRF reads ``DEFAULT_THROTTLE_CLASSES`` while it defines its
views, so this module must not import them.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings

from core.client_ip import client_ip


class _ClientAddress:
    """Counts per client address as ``core.client_ip`` resolves it: ``X-Forwarded-For``
    only from trusted proxies (DRF would believe it from anyone)."""

    def get_ident(self, request: Request) -> str:
        return client_ip(request) or ""


class AnonRateThrottle(_ClientAddress, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_ClientAddress, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(_ClientAddress, throttling.ScopedRateThrottle):
    """DRF's scoped throttle, reading the rate when a request comes in.

    DRF copies ``DEFAULT_THROTTLE_RATES`` into the class when it is imported, so a changed
    setting (an override in a test, for one) would otherwise be ignored.
    """

    def get_rate(self) -> str | None:
        if self.scope is None:
            return None
        rate = api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        return None if rate is None else str(rate)
