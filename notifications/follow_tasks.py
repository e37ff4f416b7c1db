"""Beat: requests to subscribe that nobody confirmed in time are deleted (an address is
not kept without its owner's consent). Safe to run twice: a second run finds nothing."""

from __future__ import annotations

from django.utils import timezone

from core.tasks import task
from notifications import follow_services


@task(name="notifications.expire_subscription_requests")
def expire_subscription_requests() -> int:
    return follow_services.subscriptions_expire(now=timezone.now())
