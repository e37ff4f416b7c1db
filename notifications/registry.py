"""The event types, registered by the domain apps so that this app imports none.

A domain app registers each event type it records in its ``AppConfig.ready`` (or a
``notifications`` module imported there): its name, the preference category it belongs
to, a label, the directory of its templates under ``templates/emails/`` and whether it is
essential (a receipt, an account or security message: sent at once whatever the
preferences say, without ``List-Unsubscribe``). ``notifications`` asks the registry and
never the domain app, like ``documents.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class EventType:
    """One type of event. ``template`` names ``templates/emails/<template>/`` holding
    ``subject.txt``, ``body.txt``, ``body.html`` and, optionally, ``inbox.txt`` (the inbox
    item's text; ``body.txt`` when absent)."""

    name: str
    category: str
    label: str | Promise
    template: str
    essential: bool = False


_types: dict[str, EventType] = {}


def register(event_type: EventType) -> None:
    """Add (or replace, by its name) an event type."""
    _types[event_type.name] = event_type


def get(name: str) -> EventType | None:
    return _types.get(name)


def event_types() -> list[EventType]:
    return list(_types.values())
