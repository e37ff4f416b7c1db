"""Every change to what people follow and to e-mail subscriptions.

Following and subscribing are a person's own settings, not decisions about others, so they
write no audit event (a subscription's would keep the address past its deletion).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import rate_limits
from core.exceptions import InvalidInput, NotFound
from core.rate_limits import Limit
from notifications import following
from notifications.follow_models import (
    Follow,
    Subscription,
    SubscriptionFilter,
    SubscriptionFilterKind,
    new_key,
)
from notifications.follow_tokens import read_confirm_token, read_unsubscribe_token

logger = logging.getLogger(__name__)

HOUR = timedelta(hours=1)


class InvalidLink(InvalidInput):
    default_code = "invalid_link"
    default_message = _("This link is invalid or has expired. Subscribe again to get a new one.")


# --- Following --------------------------------------------------------------------------


@transaction.atomic
def follow_add(*, user: Any, kind: str, target_id: int) -> Follow:
    """``user`` follows the target; following it again changes nothing. The kind must be
    registered (``InvalidInput``) and the target one the user may see (``NotFound``
    otherwise, as for a target that does not exist)."""
    follow_kind = following.get(kind)
    if follow_kind is None:
        raise InvalidInput(_("Nothing of this kind can be followed."), code="unknown_kind")
    if target_id not in follow_kind.targets(user, [target_id]):
        raise NotFound(_("There is nothing to follow here."))
    follow, _created = Follow.objects.get_or_create(user=user, kind=kind, target_id=target_id)
    return follow


@transaction.atomic
def follow_remove(*, user: Any, kind: str, target_id: int) -> None:
    """``user`` stops following the target; nothing happens if they did not follow it."""
    Follow.objects.filter(user=user, kind=kind, target_id=target_id).delete()


# --- Subscriptions ----------------------------------------------------------------------


@transaction.atomic
def subscription_request(
    *,
    email: str,
    topic_ids: Iterable[int],
    department_ids: Iterable[int],
    language: str,
    client: str | None,
) -> None:
    """Ask ``email`` to confirm a subscription to new consultations (no topic and no
    department: all of them), by a mailed link. The caller answers the same whatever
    happens here, so nothing tells whether the address is known or already subscribed.

    The request waits, unconfirmed, until its link is used; a new request for the same
    address replaces the waiting one (new filters, new link; the earlier link stops
    working). A confirmed subscription is changed only when the new request is confirmed.

    At most ``SUBSCRIPTION_LIMIT_PER_ADDRESS`` requests an hour per address and
    ``SUBSCRIPTION_LIMIT_PER_CLIENT`` per client address (``core.rate_limits``, in the
    database): beyond, nothing is stored or sent and the refusal is logged, not told.

    Side effect: the confirmation mail, recorded as an essential notification
    (``notifications.services.record``) and sent after commit.
    """
    email = email.strip().lower()
    per_address = rate_limits.hit(
        "subscription_address", email, (Limit(settings.SUBSCRIPTION_LIMIT_PER_ADDRESS, HOUR),)
    )
    per_client = rate_limits.hit(
        "subscription_client", client or "", (Limit(settings.SUBSCRIPTION_LIMIT_PER_CLIENT, HOUR),)
    )
    if not (per_address and per_client):
        logger.warning(
            "Subscription confirmation not sent: over the limit per %s (address digest %s).",
            "address" if not per_address else "client",
            rate_limits.digest(email)[:12],
        )
        return
    subscription = _waiting_request(email)
    subscription.language = language
    subscription.key = new_key()
    subscription.requested_at = timezone.now()
    subscription.save(update_fields=["language", "key", "requested_at"])
    subscription.filters.all().delete()
    SubscriptionFilter.objects.bulk_create(
        [
            SubscriptionFilter(subscription=subscription, kind=kind, target_id=target_id)
            for kind, ids in (
                (SubscriptionFilterKind.TOPIC, topic_ids),
                (SubscriptionFilterKind.DEPARTMENT, department_ids),
            )
            for target_id in sorted(set(ids))
        ]
    )
    from notifications.follow_events import send_confirmation

    send_confirmation(subscription)


def _waiting_request(email: str) -> Subscription:
    """The address's request waiting for confirmation, locked; a new one if none."""
    waiting = Subscription.objects.select_for_update().waiting().filter(email=email).first()
    if waiting is not None:
        return waiting
    try:
        with transaction.atomic():
            return Subscription.objects.create(email=email)
    except IntegrityError:  # a request for the same address made it first
        return Subscription.objects.select_for_update().waiting().get(email=email)


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription:
    """Confirm the request the link names (``InvalidLink`` when it was changed, has
    expired or was replaced by a newer request): it becomes the address's subscription,
    replacing the filters and language of one confirmed earlier. Confirming twice is
    harmless."""
    named = read_confirm_token(token)
    if named is None:
        raise InvalidLink()
    pk, key = named
    subscription = Subscription.objects.select_for_update().filter(pk=pk, key=key).first()
    if subscription is None:
        raise InvalidLink()
    if subscription.is_confirmed:
        return subscription
    earlier = (
        Subscription.objects.select_for_update().confirmed().filter(email=subscription.email)
    ).first()
    if earlier is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        return subscription
    # The earlier subscription keeps its id and key, so the links in mails it was sent
    # keep working; it takes the new request's choices.
    earlier.filters.all().delete()
    SubscriptionFilter.objects.filter(subscription=subscription).update(subscription=earlier)
    earlier.language = subscription.language
    earlier.save(update_fields=["language"])
    subscription.delete()
    return earlier


@transaction.atomic
def subscription_cancel(*, token: str) -> None:
    """End the subscription the unsubscribe link names, and any request of the same address
    waiting for confirmation (``InvalidLink`` when the link was changed). A link of a
    subscription already ended does nothing: it answers as done."""
    named = read_unsubscribe_token(token)
    if named is None:
        raise InvalidLink()
    pk, key = named
    subscription = Subscription.objects.filter(pk=pk, key=key).first()
    if subscription is None:
        return
    Subscription.objects.filter(email=subscription.email).delete()


@transaction.atomic
def subscriptions_expire(*, now: datetime) -> int:
    """Delete the requests nobody confirmed in time; give how many."""
    expired = list(Subscription.objects.expired_at(now).values_list("pk", flat=True))
    Subscription.objects.filter(pk__in=expired).delete()
    return len(expired)
