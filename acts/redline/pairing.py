"""Pairing the units of two versions, step by step (see ``acts.redline``)."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from acts.redline.units import Unit

# Two texts at least this similar (difflib's ratio over words: twice the matching words over
# all words) are taken for one provision edited, below it for two different ones. 0.6 keeps a
# sentence with a phrase replaced or a clause added (typically 0.7-0.9) and rejects the
# formulaic siblings of legal drafting ("1) osoby fizyczne;" against "2) osoby prawne;" is
# 0.5), which must not be mistaken for renumberings of each other.
SIMILARITY_THRESHOLD = 0.6

# How many unpaired units of the same kind, on each side of the expected position, a unit is
# compared with when looking for its renumbered counterpart. Bounds the work to O(n * window).
NEIGHBOUR_WINDOW = 50


def pair_units(old_units: list[Unit], new_units: list[Unit]) -> list[int | None]:
    """For each old position, the new position it is paired with, or None if removed."""
    old_to_new: list[int | None] = [None] * len(old_units)
    new_paired = [False] * len(new_units)

    def pair(old_position: int, new_position: int) -> None:
        old_to_new[old_position] = new_position
        new_paired[new_position] = True

    new_by_label: dict[tuple[str, str], int] = {}
    for unit in new_units:
        # A label repeated by a faulty parse: the first one is paired by label, the others
        # only by text.
        new_by_label.setdefault((unit.label, unit.kind), unit.position)

    def same_label_candidates() -> list[tuple[Unit, Unit]]:
        candidates = []
        for old_unit in old_units:
            if old_to_new[old_unit.position] is not None:
                continue
            new_position = new_by_label.get((old_unit.label, old_unit.kind))
            if new_position is not None and not new_paired[new_position]:
                candidates.append((old_unit, new_units[new_position]))
        return candidates

    # 1. Same label, same text.
    for old_unit, new_unit in same_label_candidates():
        if old_unit.match_key == new_unit.match_key:
            pair(old_unit.position, new_unit.position)

    # 2. A text found exactly once on each side.
    old_by_text = _unique_texts(old_units, lambda position: old_to_new[position] is not None)
    new_by_text = _unique_texts(new_units, lambda position: new_paired[position])
    for key, old_position in old_by_text.items():
        new_position = new_by_text.get(key)
        if new_position is not None:
            pair(old_position, new_position)

    # 3. Same label, similar text; containers with nothing under them on either side.
    for old_unit, new_unit in same_label_candidates():
        # Two empty word lists count as identical (ratio 1), which pairs the two containers.
        if _similar_enough(old_unit.match_words, new_unit.match_words):
            pair(old_unit.position, new_unit.position)

    # 4. Similar text near where the unit is expected.
    for old_position, new_position in _similar_nearby(old_units, new_units, old_to_new):
        pair(old_position, new_position)

    # 5. Same label, whatever the text.
    for old_unit, new_unit in same_label_candidates():
        pair(old_unit.position, new_unit.position)

    return old_to_new


def _unique_texts(
    units: list[Unit], is_paired: Callable[[int], bool]
) -> dict[tuple[str, str], int]:
    """(kind, text) -> position for the non-empty texts that occur once among the unpaired."""
    counts: Counter[tuple[str, str]] = Counter()
    positions: dict[tuple[str, str], int] = {}
    for unit in units:
        if unit.match_key and not is_paired(unit.position):
            key = (unit.kind, unit.match_key)
            counts[key] += 1
            positions[key] = unit.position
    return {key: position for key, position in positions.items() if counts[key] == 1}


def _similar_enough(old_words: list[str], new_words: list[str]) -> bool:
    matcher = SequenceMatcher(None, new_words, old_words, autojunk=False)
    return (
        matcher.real_quick_ratio() >= SIMILARITY_THRESHOLD
        and matcher.quick_ratio() >= SIMILARITY_THRESHOLD
        and matcher.ratio() >= SIMILARITY_THRESHOLD
    )


@dataclass(frozen=True, slots=True)
class _WordBag:
    """What a cheap upper bound of the similarity of two word lists needs."""

    length: int
    distinct: frozenset[str]
    repeats: int

    @classmethod
    def of(cls, words: list[str]) -> _WordBag:
        distinct = frozenset(words)
        return cls(length=len(words), distinct=distinct, repeats=len(words) - len(distinct))

    def similarity_bound(self, other: _WordBag) -> float:
        """Never below difflib's ratio: the matching words are at most the distinct words in
        common plus the repeated words of either side, and at most the shorter list. One
        set intersection in C, where ``quick_ratio`` loops in Python over every word."""
        total = self.length + other.length
        if not total:
            return 1.0
        common = len(self.distinct & other.distinct)
        matches = min(common + min(self.repeats, other.repeats), self.length, other.length)
        return 2 * matches / total


def _similar_nearby(
    old_units: list[Unit], new_units: list[Unit], old_to_new: list[int | None]
) -> list[tuple[int, int]]:
    """Greedy pairs of similar unpaired units of one kind, each old unit compared only with
    the unpaired new units of its kind around its expected position."""
    unpaired_new_by_kind: dict[str, list[int]] = {}
    paired_new = {position for position in old_to_new if position is not None}
    for unit in new_units:
        if unit.match_words and unit.position not in paired_new:
            unpaired_new_by_kind.setdefault(unit.kind, []).append(unit.position)
    if not unpaired_new_by_kind:
        return []

    # (-ratio, distance, old, new): the most similar first, the nearer on a tie.
    candidates: list[tuple[float, int, int, int]] = []
    matcher = SequenceMatcher(None, autojunk=False)
    new_bags: dict[int, _WordBag] = {}
    last_paired: tuple[int, int] | None = None
    for old_unit in old_units:
        paired_to = old_to_new[old_unit.position]
        if paired_to is not None:
            last_paired = (old_unit.position, paired_to)
            continue
        positions = unpaired_new_by_kind.get(old_unit.kind)
        if not positions or not old_unit.match_words:
            continue
        # Expected where the nearest paired unit before it went, plus the same offset.
        expected = (
            old_unit.position
            if last_paired is None
            else last_paired[1] + old_unit.position - last_paired[0]
        )
        middle = bisect.bisect_left(positions, expected)
        window = positions[max(0, middle - NEIGHBOUR_WINDOW) : middle + NEIGHBOUR_WINDOW]
        old_bag = _WordBag.of(old_unit.match_words)
        # The old words are the cached side (seq2) of the matcher; new candidates vary.
        matcher.set_seq2(old_unit.match_words)
        for new_position in window:
            new_bag = new_bags.get(new_position)
            if new_bag is None:
                new_bag = new_bags[new_position] = _WordBag.of(new_units[new_position].match_words)
            if old_bag.similarity_bound(new_bag) < SIMILARITY_THRESHOLD:
                continue
            matcher.set_seq1(new_units[new_position].match_words)
            if matcher.quick_ratio() >= SIMILARITY_THRESHOLD:
                ratio = matcher.ratio()
                if ratio >= SIMILARITY_THRESHOLD:
                    distance = abs(new_position - expected)
                    candidates.append((-ratio, distance, old_unit.position, new_position))

    candidates.sort()
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = []
    for _, _, old_position, new_position in candidates:
        if old_position not in taken_old and new_position not in taken_new:
            taken_old.add(old_position)
            taken_new.add(new_position)
            pairs.append((old_position, new_position))
    return pairs
