"""What a redline says: each unit's change, word runs, the summary; and its JSON."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.translation import pgettext_lazy


class ProvisionLike(Protocol):
    """Anything with these attributes: the parser's dataclass or a ``Provision`` instance."""

    @property
    def label(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def anchor(self) -> str: ...

    @property
    def order(self) -> int: ...


# ``Provision.as_redline_unit()`` gives a dict with the same keys; both are accepted.
ProvisionInput = ProvisionLike | Mapping[str, Any]


class Change(enum.StrEnum):
    """What happened to a unit between the versions; values are stable API strings."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    RENUMBERED = "renumbered"
    RENUMBERED_AND_CHANGED = "renumbered_and_changed"

    @property
    def label(self) -> str:
        return str(_CHANGE_LABELS[self])


_CHANGE_LABELS = {
    Change.UNCHANGED: pgettext_lazy("redline change", "unchanged"),
    Change.CHANGED: pgettext_lazy("redline change", "changed"),
    Change.ADDED: pgettext_lazy("redline change", "added"),
    Change.REMOVED: pgettext_lazy("redline change", "removed"),
    Change.RENUMBERED: pgettext_lazy("redline change", "renumbered"),
    Change.RENUMBERED_AND_CHANGED: pgettext_lazy("redline change", "renumbered and changed"),
}


class WordOp(enum.StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class WordChange:
    """A run of words with one operation; runs are joined by single spaces."""

    op: WordOp
    text: str


@dataclass(frozen=True, slots=True)
class RedlineEntry:
    """One unit of either version. ``old_*`` are None for an added unit, ``new_*`` for a
    removed one. ``words`` is filled only for the changed kinds (``changed``,
    ``renumbered_and_changed``); ``similarity`` of the own texts is 1 for identical texts
    and 0 for added and removed units."""

    change: Change
    old_label: str | None
    new_label: str | None
    kind: str
    old_anchor: str | None
    new_anchor: str | None
    old_text: str | None
    new_text: str | None
    words: list[WordChange] = field(default_factory=list)
    similarity: float = 0.0


@dataclass(frozen=True, slots=True)
class Redline:
    """``entries`` follow the new version; a removed unit stands right after the entry of the
    unit that preceded it in the old version. ``summary`` counts entries by change value
    (every value present, zeros included)."""

    entries: list[RedlineEntry]
    summary: dict[str, int]

    @property
    def has_changes(self) -> bool:
        return any(count for change, count in self.summary.items() if change != Change.UNCHANGED)


def to_json(redline: Redline) -> dict[str, Any]:
    """The redline as JSON-ready data for the API."""
    return {
        "summary": dict(redline.summary),
        "entries": [
            {
                "change": entry.change.value,
                "old_label": entry.old_label,
                "new_label": entry.new_label,
                "kind": entry.kind,
                "old_anchor": entry.old_anchor,
                "new_anchor": entry.new_anchor,
                "old_text": entry.old_text,
                "new_text": entry.new_text,
                "words": [{"op": word.op.value, "text": word.text} for word in entry.words],
            }
            for entry in redline.entries
        ],
    }
