"""Applying an amending act's operations to the provisions of the act it amends.

The result is the consolidated text (tekst ujednolicony) the platform shows for
information: the amended act's units with each operation applied in the amending act's
order. A repealed unit stays, as in official consolidated texts, with the text
"(uchylony)" and without its sub-units. A quoted wording is read by the act parser, so a
quoted "§ 4. 1. …" with "2. …" on the next line becomes § 4 with its ust. 1 and 2, labelled
as in the amended act (``acts.parsing.parse_quotation``, which reads a fragment whose
numbering starts anywhere). The title is not a unit: it is given and returned apart.
An operation that cannot be applied (its unit is missing, the unit to add is already
there, the words are not found) is listed with the reason, never dropped in silence.

Pure: flat, ordered provisions in (parser dataclasses, ``Provision`` rows or dicts with
label, kind, text, order and depth), dataclasses out; no database.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from acts.amendments.instructions import (
    REPEALED_TEXT,
    Address,
    Operation,
    OperationKind,
    Part,
)
from acts.parsing import parse_quotation
from acts.parsing.labels import anchor_for_label

# Kinds that close an act's body: an added unit with no place named goes before them.
_AFTER_BODY = {"signature", "annex", "justification"}


class NotAppliedReason(enum.StrEnum):
    TARGET_MISSING = "target_missing"
    PARENT_MISSING = "parent_missing"
    AFTER_MISSING = "after_missing"
    ALREADY_PRESENT = "already_present"
    WORDS_MISSING = "words_missing"
    WORDING_ELSEWHERE = "wording_elsewhere"
    NO_WORDING = "no_wording"
    PART_MISSING = "part_missing"
    MARK_MISSING = "mark_missing"

    @property
    def message(self) -> str:
        return str(_REASON_MESSAGES[self])


_REASON_MESSAGES = {
    NotAppliedReason.TARGET_MISSING: _("The amended act has no such unit."),
    NotAppliedReason.PARENT_MISSING: _("The amended act has no unit to add this to."),
    NotAppliedReason.AFTER_MISSING: _("The amended act has no unit to add this after."),
    NotAppliedReason.ALREADY_PRESENT: _("The amended act already has a unit with this label."),
    NotAppliedReason.WORDS_MISSING: _("The words to change are not in the unit."),
    NotAppliedReason.WORDING_ELSEWHERE: _(
        "The new wording is in an annex of the amending act; it is not applied here."
    ),
    NotAppliedReason.NO_WORDING: _("The instruction quotes no new wording."),
    NotAppliedReason.PART_MISSING: _("The unit has no such part."),
    NotAppliedReason.MARK_MISSING: _("The unit does not end with that punctuation mark."),
}


@dataclass(frozen=True)
class ConsolidatedUnit:
    label: str
    kind: str
    text: str
    anchor: str
    order: int
    depth: int
    # The label of the amending unit that last changed this unit (None: unchanged).
    changed_by: str | None = None


@dataclass(frozen=True)
class NotApplied:
    operation: Operation
    reason: NotAppliedReason

    @property
    def message(self) -> str:
        return self.reason.message


@dataclass
class Consolidation:
    units: list[ConsolidatedUnit]
    title: str = ""
    # The label of the amending unit that gave the title its new wording (None: unchanged).
    title_changed_by: str | None = None
    applied: list[Operation] = field(default_factory=list)
    not_applied: list[NotApplied] = field(default_factory=list)


def _read(provision: Any, name: str) -> Any:
    if isinstance(provision, Mapping):
        return provision[name]
    return getattr(provision, name)


def consolidate(
    provisions: Sequence[Any], operations: Sequence[Operation], *, title: str = ""
) -> Consolidation:
    """Apply ``operations`` in order to ``provisions`` (the amended act's units in document
    order) and its ``title``; the units come back renumbered by position."""
    units = [
        ConsolidatedUnit(
            label=str(_read(provision, "label")),
            kind=str(_read(provision, "kind")),
            text=_read(provision, "text") or "",
            anchor=str(_read(provision, "anchor")),
            order=int(_read(provision, "order")),
            depth=int(_read(provision, "depth")),
        )
        for provision in sorted(provisions, key=lambda provision: _read(provision, "order"))
    ]
    result = Consolidation(units=units, title=title)
    for operation in operations:
        if operation.part is Part.TITLE:
            reason = _retitle(result, operation)
        else:
            reason = _apply(units, operation)
        if reason is None:
            result.applied.append(operation)
        else:
            result.not_applied.append(NotApplied(operation=operation, reason=reason))
    result.units = [replace(unit, order=position) for position, unit in enumerate(units)]
    return result


def _index(units: list[ConsolidatedUnit], label: str) -> int | None:
    for position, unit in enumerate(units):
        if unit.label == label:
            return position
    return None


def _subtree_end(units: list[ConsolidatedUnit], position: int) -> int:
    """The position just past the unit's last descendant."""
    depth = units[position].depth
    end = position + 1
    while end < len(units) and units[end].depth > depth:
        end += 1
    return end


def _retitle(result: Consolidation, operation: Operation) -> NotAppliedReason | None:
    if operation.wording is None:
        return NotAppliedReason.NO_WORDING
    if not result.title:
        return NotAppliedReason.TARGET_MISSING
    # The wording is the title's "w sprawie …" part or the whole title; either replaces
    # what follows the act's name, number, issuer and date.
    wording = " ".join(operation.wording.split())
    head, found, _subject = result.title.partition(" w sprawie ")
    result.title = f"{head} {wording}" if found and wording.startswith("w sprawie") else wording
    result.title_changed_by = operation.source_label
    return None


def _fragment(wording: str, *, prefix: Address, depth: int, source: str) -> list[ConsolidatedUnit]:
    """The units of a quoted wording (read by the parser's ``parse_quotation``), labelled in
    the amended act under ``prefix``; text before the first marker is left out (the caller
    decides what an unmarked wording is)."""
    units = []
    for provision in parse_quotation(wording).provisions:
        if str(provision.kind) == "text":
            continue
        label = prefix.with_fragment_label(provision.label)
        units.append(
            ConsolidatedUnit(
                label=label,
                kind=str(provision.kind),
                text=provision.text,
                anchor=anchor_for_label(label),
                order=0,
                depth=depth + provision.depth,
                changed_by=source,
            )
        )
    return units


def _apply(units: list[ConsolidatedUnit], operation: Operation) -> NotAppliedReason | None:
    if operation.kind is OperationKind.REPLACE:
        return _replace(units, operation)
    if operation.kind is OperationKind.INSERT:
        return _insert(units, operation)
    if operation.kind is OperationKind.REPEAL:
        return _repeal(units, operation)
    if operation.kind is OperationKind.REPLACE_PUNCTUATION:
        return _punctuation(units, operation)
    return _words(units, operation)


def _replace(units: list[ConsolidatedUnit], operation: Operation) -> NotAppliedReason | None:
    if operation.wording is None:
        if operation.wording_in_annex is not None:
            return NotAppliedReason.WORDING_ELSEWHERE
        return NotAppliedReason.NO_WORDING
    source = operation.source_label
    positions = [_index(units, target.label) for target in operation.targets]
    if any(position is None for position in positions):
        return NotAppliedReason.TARGET_MISSING
    first = min(position for position in positions if position is not None)
    target = units[first]
    if operation.part is Part.INTRO:
        units[first] = replace(target, text=operation.wording, changed_by=source)
        return None
    if operation.part is Part.COMMON_PART:
        end = _subtree_end(units, first)
        common = next((p for p in range(first + 1, end) if units[p].kind == "common_part"), None)
        if common is None:
            return NotAppliedReason.PART_MISSING
        units[common] = replace(units[common], text=operation.wording, changed_by=source)
        return None
    new_units = _fragment(
        operation.wording,
        prefix=operation.targets[0].parent,
        depth=target.depth,
        source=source,
    )
    if (
        len(operation.targets) == 1
        and new_units
        and new_units[0].kind == "tiret" == target.kind
        and new_units[0].label != target.label
    ):
        # A tiret has no number of its own: the quoted "– …" is the tiret addressed.
        new_units = _relabel(new_units, new_units[0].label, target.label)
    wanted = set(operation.target_labels)
    if not new_units or not wanted & {unit.label for unit in new_units}:
        # A wording without its unit's marker is the unit's own new text.
        new_units = [replace(target, text=" ".join(operation.wording.split()), changed_by=source)]
    # Remove every target with its sub-units, from the last so positions stay valid.
    for position in sorted((p for p in positions if p is not None), reverse=True):
        del units[position : _subtree_end(units, position)]
    units[first:first] = new_units
    return None


def _relabel(units: list[ConsolidatedUnit], old: str, new: str) -> list[ConsolidatedUnit]:
    relabelled = []
    for unit in units:
        if unit.label == old or unit.label.startswith(f"{old} "):
            label = new + unit.label[len(old) :]
            unit = replace(unit, label=label, anchor=anchor_for_label(label))
        relabelled.append(unit)
    return relabelled


def _insert(units: list[ConsolidatedUnit], operation: Operation) -> NotAppliedReason | None:
    if operation.wording is None:
        if operation.wording_in_annex is not None:
            return NotAppliedReason.WORDING_ELSEWHERE
        return NotAppliedReason.NO_WORDING
    if any(_index(units, target.label) is not None for target in operation.targets):
        return NotAppliedReason.ALREADY_PRESENT
    parent_depth = -1
    if not operation.parent.is_empty:
        parent_position = _index(units, operation.parent.label)
        if parent_position is None:
            return NotAppliedReason.PARENT_MISSING
        parent_depth = units[parent_position].depth
        at = _subtree_end(units, parent_position)
    else:
        at = next(
            (p for p, unit in enumerate(units) if unit.kind in _AFTER_BODY and unit.depth == 0),
            len(units),
        )
    if operation.after is not None:
        after_position = _index(units, operation.after.label)
        if after_position is None:
            return NotAppliedReason.AFTER_MISSING
        at = _subtree_end(units, after_position)
        depth = units[after_position].depth
    else:
        depth = parent_depth + 1
    new_units = _fragment(
        operation.wording, prefix=operation.parent, depth=depth, source=operation.source_label
    )
    if not new_units:
        return NotAppliedReason.NO_WORDING
    units[at:at] = new_units
    return None


def _repeal(units: list[ConsolidatedUnit], operation: Operation) -> NotAppliedReason | None:
    position = _index(units, operation.targets[0].label)
    if position is None:
        return NotAppliedReason.TARGET_MISSING
    del units[position + 1 : _subtree_end(units, position)]
    units[position] = replace(
        units[position], text=REPEALED_TEXT, changed_by=operation.source_label
    )
    return None


def _punctuation(units: list[ConsolidatedUnit], operation: Operation) -> NotAppliedReason | None:
    position = _index(units, operation.targets[0].label)
    if position is None:
        return NotAppliedReason.TARGET_MISSING
    unit = units[position]
    text = unit.text.rstrip()
    if not text.endswith(operation.old_words):
        return NotAppliedReason.MARK_MISSING
    units[position] = replace(
        unit,
        text=text[: -len(operation.old_words)] + operation.new_words,
        changed_by=operation.source_label,
    )
    return None


def _words(units: list[ConsolidatedUnit], operation: Operation) -> NotAppliedReason | None:
    target = operation.targets[0]
    if target.is_empty:
        start, end = 0, len(units)
    else:
        position = _index(units, target.label)
        if position is None:
            return NotAppliedReason.TARGET_MISSING
        start = position
        end = position + 1 if operation.part is Part.INTRO else _subtree_end(units, position)
    old = operation.old_words
    if operation.kind is OperationKind.REPLACE_WORDS:
        new = operation.new_words
    elif operation.kind is OperationKind.DELETE_WORDS:
        new = ""
    else:
        new = f"{old} {operation.new_words}"
    found = False
    for position in range(start, end):
        unit = units[position]
        if old and old in unit.text:
            text = " ".join(unit.text.replace(old, new).split())
            units[position] = replace(unit, text=text, changed_by=operation.source_label)
            found = True
    return None if found else NotAppliedReason.WORDS_MISSING
