"""Describing the pairs: one entry per unit, with its change and word-level diff."""

from __future__ import annotations

from difflib import SequenceMatcher

from acts.redline.results import Change, RedlineEntry, WordChange, WordOp
from acts.redline.units import Unit


def describe_pairs(
    old_units: list[Unit], new_units: list[Unit], old_to_new: list[int | None]
) -> list[RedlineEntry]:
    new_to_old: list[int | None] = [None] * len(new_units)
    for paired_old, paired_new in enumerate(old_to_new):
        if paired_new is not None:
            new_to_old[paired_new] = paired_old

    # Removed units follow the nearest paired unit before them in the old version (-1: none).
    removed_after: dict[int, list[Unit]] = {}
    last_paired = -1
    for old_unit in old_units:
        if old_to_new[old_unit.position] is None:
            removed_after.setdefault(last_paired, []).append(old_unit)
        else:
            last_paired = old_unit.position

    entries = [_removed(unit) for unit in removed_after.get(-1, [])]
    for new_unit in new_units:
        old_position = new_to_old[new_unit.position]
        if old_position is None:
            entries.append(_added(new_unit))
            continue
        entries.append(_paired(old_units[old_position], new_unit))
        entries.extend(_removed(unit) for unit in removed_after.get(old_position, []))
    return entries


def _added(unit: Unit) -> RedlineEntry:
    return RedlineEntry(
        change=Change.ADDED,
        old_label=None,
        new_label=unit.label,
        kind=unit.kind,
        old_anchor=None,
        new_anchor=unit.anchor,
        old_text=None,
        new_text=unit.text,
    )


def _removed(unit: Unit) -> RedlineEntry:
    return RedlineEntry(
        change=Change.REMOVED,
        old_label=unit.label,
        new_label=None,
        kind=unit.kind,
        old_anchor=unit.anchor,
        new_anchor=None,
        old_text=unit.text,
        new_text=None,
    )


def _paired(old_unit: Unit, new_unit: Unit) -> RedlineEntry:
    same_label = old_unit.label == new_unit.label
    if old_unit.words == new_unit.words:
        change = Change.UNCHANGED if same_label else Change.RENUMBERED
        words: list[WordChange] = []
        similarity = 1.0
    else:
        change = Change.CHANGED if same_label else Change.RENUMBERED_AND_CHANGED
        words = diff_tokens(old_unit.words, new_unit.words)
        similarity = SequenceMatcher(None, old_unit.words, new_unit.words, autojunk=False).ratio()
    return RedlineEntry(
        change=change,
        old_label=old_unit.label,
        new_label=new_unit.label,
        kind=new_unit.kind,
        old_anchor=old_unit.anchor,
        new_anchor=new_unit.anchor,
        old_text=old_unit.text,
        new_text=new_unit.text,
        words=words,
        similarity=similarity,
    )


def diff_tokens(old_words: list[str], new_words: list[str]) -> list[WordChange]:
    # autojunk would ignore frequent words ("w", "i", "się") in texts over 200 words and
    # produce a needlessly coarse diff of a long justification.
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    runs: list[tuple[WordOp, list[str]]] = []

    def add(op: WordOp, words: list[str]) -> None:
        if not words:
            return
        if runs and runs[-1][0] == op:
            runs[-1][1].extend(words)
        else:
            runs.append((op, list(words)))

    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            add(WordOp.EQUAL, old_words[old_start:old_end])
        else:
            # A replacement reads as the deleted words, then the inserted ones.
            add(WordOp.DELETE, old_words[old_start:old_end])
            add(WordOp.INSERT, new_words[new_start:new_end])
    return [WordChange(op=op, text=" ".join(words)) for op, words in runs]
