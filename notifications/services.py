"""Recording events (the transactional outbox), preferences and the inbox's read marks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.tasks import enqueue_on_commit
from notifications import registry
from notifications.context import encode
from notifications.models import Channel, Delivery, DeliveryStatus, Event, Mode, Preference
from notifications.recipients import Address, Recipient

# Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement (a
# delivery has 17 columns); SQLite's limit is applied by Django whatever this says.
INSERT_BATCH = 3000


class UnknownEventType(LookupError):
    pass


def _channels_for(mode: str, *, essential: bool) -> tuple[str, ...]:
    if essential or mode == Mode.IMMEDIATE:
        return (Channel.EMAIL, Channel.INBOX)
    if mode == Mode.DIGEST:
        return (Channel.DIGEST, Channel.INBOX)
    return (Channel.INBOX,)


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint
def record(
    *,
    event: str,
    key: str,
    recipients: Iterable[Recipient],
    context: dict[str, Any],
    link: str = "",
) -> Event:
    """Record that ``event`` happened (identified by ``key``) for ``recipients``.

    Call it inside the transaction of the service that changed the state: the event, one
    delivery per recipient and channel (by each user's preference for the event's
    category; an essential event goes by e-mail at once to everyone) and the users' inbox
    items are written in that transaction, and the sending task is queued when it commits.
    Recording the same (event, key) again adds only the recipients missing; nothing is
    sent twice. Nothing is sent from here."""
    event_type = registry.get(event)
    if event_type is None:
        raise UnknownEventType(f"No notification event type {event!r} is registered.")
    # Insert-or-nothing then read: two statements, safe against a concurrent recording of
    # the same key (no savepoint, no failed statement in the caller's transaction).
    Event.objects.bulk_create(
        [Event(name=event, key=key, context=encode(context), link=link)], ignore_conflicts=True
    )
    stored = Event.objects.get(name=event, key=key)
    user_model = get_user_model()
    users: dict[int, Any] = {}
    addresses: dict[str, Address] = {}
    for recipient in recipients:
        if isinstance(recipient, Address):
            addresses.setdefault(recipient.email.strip().lower(), recipient)
        elif isinstance(recipient, user_model):
            if recipient.is_active:
                users.setdefault(recipient.pk, recipient)
        else:
            raise TypeError(f"A recipient is a user or an Address, not {type(recipient)!r}.")
    # Someone subscribed by e-mail who is also told as a user gets the user's mail only.
    for user in users.values():
        addresses.pop(user.email.lower(), None)

    modes: dict[int, str] = {}
    if users and not event_type.essential:
        modes = dict(
            Preference.objects.filter(
                user_id__in=list(users), category=event_type.category
            ).values_list("user_id", "mode")
        )
    now = timezone.now()
    rows: list[Delivery] = []
    for user_id, user in users.items():
        channels = _channels_for(modes.get(user_id, Mode.IMMEDIATE), essential=event_type.essential)
        for channel in channels:
            inbox = channel == Channel.INBOX
            rows.append(
                Delivery(
                    event=stored,
                    user_id=user_id,
                    email=user.email,
                    language=user.language,
                    category=event_type.category,
                    channel=channel,
                    status=DeliveryStatus.SENT if inbox else DeliveryStatus.QUEUED,
                    sent_at=now if inbox else None,
                    created_at=now,
                    due_at=now,
                )
            )
    for address in addresses.values():
        rows.append(
            Delivery(
                event=stored,
                email=address.email.strip(),
                language=address.language,
                unsubscribe_url=address.unsubscribe_url,
                category=event_type.category,
                channel=Channel.EMAIL,
                created_at=now,
                due_at=now,
            )
        )
    if rows:
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=INSERT_BATCH)
    if any(row.channel == Channel.EMAIL for row in rows):
        from notifications import tasks

        enqueue_on_commit(tasks.send_event, stored.pk)
    return stored


def preference_set(*, user: Any, category: str, mode: str) -> Preference:
    """Choose how ``user`` is told about ``category`` (at once, daily digest, inbox only).
    Applies to events recorded from now on; essential mails go whatever is chosen."""
    preference, _created = Preference.objects.update_or_create(
        user=user, category=category, defaults={"mode": mode}
    )
    return preference


def notification_mark_read(*, user: Any, notification_id: int) -> bool:
    """Mark one of ``user``'s inbox items read; False when it is not theirs (or not there)."""
    exists = Delivery.objects.inbox_of(user.pk).filter(pk=notification_id)
    exists.filter(read_at__isnull=True).update(read_at=timezone.now())
    return exists.exists()


def notifications_mark_all_read(*, user: Any) -> int:
    return Delivery.objects.inbox_of(user.pk).unread().update(read_at=timezone.now())


def notifications_unsubscribe(*, user: Any, category: str) -> None:
    """The one-click unsubscribe: the category's e-mails stop (inbox only); the digest's
    link stops the digest (every category the user gets by digest becomes inbox only)."""
    from notifications.unsubscribe import EVERY_DIGEST

    if category == EVERY_DIGEST:
        Preference.objects.filter(user=user, mode=Mode.DIGEST).update(mode=Mode.INBOX_ONLY)
        return
    preference_set(user=user, category=category, mode=Mode.INBOX_ONLY)
