"""Reads of the outbox: a user's inbox, unread count and preferences; what was recorded."""

from __future__ import annotations

from typing import Any

from notifications.categories import CHOOSABLE
from notifications.models import Channel, Delivery, Event, Mode, Preference


def unread_count(*, user_id: int) -> int:
    """One indexed count (``notification_inbox_unread``)."""
    return Delivery.objects.inbox_of(user_id).unread().count()


def inbox_for(*, user_id: int) -> Any:
    """The user's inbox items, newest first, each with its event."""
    return (
        Delivery.objects.inbox_of(user_id)
        .select_related("event", "user")
        .order_by("-created_at", "-pk")
    )


def inbox_item_for(*, user_id: int, pk: int) -> Delivery | None:
    return inbox_for(user_id=user_id).filter(pk=pk).first()


def preferences_for(*, user_id: int) -> dict[str, str]:
    """Each choosable category with the user's mode (at once when never chosen)."""
    chosen = dict(Preference.objects.filter(user_id=user_id).values_list("category", "mode"))
    return {str(category): chosen.get(category, Mode.IMMEDIATE) for category in CHOOSABLE}


def events_named(name: str) -> Any:
    return Event.objects.filter(name=name).order_by("pk")


def deliveries_of(*, event: str, key: str | None = None, channel: str | None = None) -> Any:
    """What was recorded for an event (tests and administrators read this)."""
    queryset = Delivery.objects.filter(event__name=event).select_related("event", "user")
    if key is not None:
        queryset = queryset.filter(event__key=key)
    if channel is not None:
        queryset = queryset.filter(channel=channel)
    return queryset.order_by("pk")


def emailed_to(*, event: str, key: str | None = None) -> list[str]:
    return [row.email for row in deliveries_of(event=event, key=key, channel=Channel.EMAIL)]
