"""The one event this part of the app records itself: the mail that asks an address to
confirm its subscription (essential: sent at once, without ``List-Unsubscribe``, since the
address has subscribed to nothing yet)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from notifications import following, registry
from notifications.categories import ACCOUNT
from notifications.follow_models import Subscription, SubscriptionFilterKind
from notifications.follow_tokens import confirm_url
from notifications.recipients import Address

SUBSCRIPTION_CONFIRM = "subscription.confirm"


def register() -> None:
    registry.register(
        registry.EventType(
            name=SUBSCRIPTION_CONFIRM,
            category=ACCOUNT,
            label=_("Confirm a subscription to new consultations"),
            template="subscription_confirm",
            essential=True,
        )
    )


def _names(kind: str, ids: list[int]) -> list[str]:
    follow_kind = following.get(kind)
    if not ids or follow_kind is None or follow_kind.choices is None:
        return []
    wanted = set(ids)
    return [name for pk, name in follow_kind.choices() if pk in wanted]


def send_confirmation(subscription: Subscription) -> None:
    """Record the confirmation mail of the request (inside the caller's transaction): a
    new request is a new event, so each request's link is mailed once."""
    from notifications import services

    filters = list(subscription.filters.values_list("kind", "target_id"))
    topic_ids = [pk for kind, pk in filters if kind == SubscriptionFilterKind.TOPIC]
    department_ids = [pk for kind, pk in filters if kind == SubscriptionFilterKind.DEPARTMENT]
    requested = subscription.requested_at.isoformat()
    services.record(
        event=SUBSCRIPTION_CONFIRM,
        key=f"{SUBSCRIPTION_CONFIRM}:{subscription.pk}:{requested}",
        recipients=[Address(email=subscription.email, language=subscription.language)],
        context={
            "confirm_url": confirm_url(subscription.pk, subscription.key),
            "topics": _names(following.TOPIC, topic_ids),
            "departments": _names(following.DEPARTMENT, department_ids),
        },
    )
