"""What a reader of the audit log may see of each event.

An audit event carries data (a ballot's choice, a draft comment's text, the name of an
attachment), and that data is no more public than the object it came from. ``core``
knows no domain, so each app registers, per verb family (the part of the verb before the
dot: ``ballot`` for ``ballot.cast``), a *redactor*: given the reader and a page of events
of that family, it answers which parts of each event the reader may not see. The apps
register them in ``ready()``, from one module each (``<app>/audit_rules.py``).

Deny by default: an event of a family nobody registered shows who did what to which kind
of object and when, and withholds its data and the object's name. A redactor answers,
per event id, the names withheld: data keys, ``ALL_DATA`` for every key, and
``TARGET_REPR`` for the object's name; an event it does not answer for is withheld whole.

``withhold_unless`` builds the usual redactor: load the objects the events are about in
one query and withhold groups of keys unless a predicate (the same one the object's pages
and API use) lets the reader see them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from core.models import AuditEvent

ALL_DATA = "*"
TARGET_REPR = "target_repr"
EVERYTHING: frozenset[str] = frozenset({ALL_DATA, TARGET_REPR})

Redactor = Callable[[Any, Sequence[AuditEvent]], Mapping[int, Collection[str]]]

_redactors: dict[str, Redactor] = {}


def family_of(verb: str) -> str:
    """``ballot`` for ``ballot.cast``."""
    return verb.partition(".")[0]


def register(family: str, redactor: Redactor) -> None:
    """Decide what readers see of the events of ``family``. One redactor per family."""
    registered = _redactors.get(family)
    if registered is not None and registered is not redactor:
        raise ImproperlyConfigured(f"The audit family {family!r} has a redactor already.")
    _redactors[family] = redactor


def _nothing_withheld(reader: Any, events: Sequence[AuditEvent]) -> dict[int, frozenset[str]]:
    return {event.pk: frozenset() for event in events}


def register_public(*families: str) -> None:
    """Families whose events carry nothing their readers may not see."""
    for family in families:
        register(family, _nothing_withheld)


def registered_families() -> frozenset[str]:
    return frozenset(_redactors)


# --- Building redactors -----------------------------------------------------------------


def target_pk(event: AuditEvent) -> Any:
    """The primary key of the event's object (stored as text)."""
    return int(event.target_id) if event.target_id.isdigit() else None


def data_pk(key: str) -> Callable[[AuditEvent], Any]:
    """The primary key stored under ``key`` in the event's data (for events about an
    object that belongs to another: an item's position)."""

    def pick(event: AuditEvent) -> Any:
        value = (event.data or {}).get(key)
        return value if isinstance(value, int) else None

    return pick


Rule = tuple[Callable[[Any, Any], bool], Collection[str]]


def withhold_unless(
    *,
    model: type[models.Model],
    rules: Sequence[Rule],
    related: Sequence[str] = (),
    object_of: Callable[[AuditEvent], Any] = target_pk,
) -> Redactor:
    """A redactor that loads the events' objects of ``model`` (``object_of`` names each
    event's object's primary key; by default the event's target) in one query, and for
    each ``(may_see, names)`` of ``rules`` withholds ``names`` unless ``may_see(reader,
    obj)``. An object that no longer exists withholds every name of every rule."""

    def redact(reader: Any, events: Sequence[AuditEvent]) -> dict[int, frozenset[str]]:
        wanted = {pk for pk in map(object_of, events) if pk is not None}
        objects = model._default_manager.select_related(*related).in_bulk(wanted) if wanted else {}
        withheld: dict[int, frozenset[str]] = {}
        for event in events:
            obj = objects.get(object_of(event))
            names: set[str] = set()
            for may_see, group in rules:
                if obj is None or not may_see(reader, obj):
                    names.update(group)
            withheld[event.pk] = frozenset(names)
        return withheld

    return redact


# --- Reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Disclosed:
    """What a reader sees of one event."""

    data: dict[str, Any]
    target_repr: str
    withheld: list[str]


def _disclose(event: AuditEvent, names: Collection[str] | None) -> Disclosed:
    data = dict(event.data or {})
    if names is None:
        names = EVERYTHING
    hidden_keys = set(data) if ALL_DATA in names else set(names) & set(data)
    withheld = sorted(hidden_keys)
    if TARGET_REPR in names:
        withheld.append(TARGET_REPR)
    return Disclosed(
        data={key: value for key, value in data.items() if key not in hidden_keys},
        target_repr="" if TARGET_REPR in names else event.target_repr,
        withheld=withheld,
    )


def disclose(reader: Any, events: Iterable[AuditEvent]) -> dict[int, Disclosed]:
    """What ``reader`` sees of each event, by event id: one call per family on the page."""
    events = list(events)
    by_family: dict[str, list[AuditEvent]] = {}
    for event in events:
        by_family.setdefault(family_of(event.verb), []).append(event)
    withheld: dict[int, Collection[str]] = {}
    for family, members in by_family.items():
        redactor = _redactors.get(family)
        if redactor is not None:
            withheld.update(redactor(reader, members))
    return {event.pk: _disclose(event, withheld.get(event.pk)) for event in events}
