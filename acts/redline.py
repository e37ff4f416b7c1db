"""The redline between two versions of a legal act.

Readers of a new version see, unit by unit, what was added, removed, changed (with a
word-level diff) and renumbered (old § 4 became § 5 because a new § 3 was inserted). The
functions here are pure: they take two flat, ordered lists of provisions (parser dataclasses,
``Provision`` model instances or their ``as_redline_unit()`` dicts) and touch no database.

How units are paired, in this order, each step only among units not yet paired and never
across kinds (a point is never paired with a paragraph):

1. Same label, same text: unchanged.
2. The same text found exactly once on each side: the unit moved or was renumbered.
3. Same label and similar text (or two empty containers): changed in place.
4. Similar text near the expected position: renumbered (and perhaps edited). Greedy, the
   most similar pair first, the nearer one on a tie.
5. Same label, whatever the text: rewritten in place.
6. The rest: added or removed.

Label matching is deliberately not the first word: when a new § 3 is inserted, old § 3 and
new § 3 share a label but not a text, and pairing them would report every following unit as
"changed" instead of one addition and a run of renumberings.

A container with no text of its own (``§ 1`` whose text is in its ``ust.``) is compared by
the text of the units under it, so a renumbered paragraph's container moves with its
contents; its own change type is still judged on its own (empty) text.

Limits: step 4 compares a unit only with the ``NEIGHBOUR_WINDOW`` unpaired units of its kind
on each side of where it is expected in the new version (estimated from the nearest unit
paired before it), so a unit moved further than that, past that many other unpaired units of
its kind, is reported as removed and added unless its text is unique and unchanged (step 2
finds those anywhere). The cost is at most ``2 * NEIGHBOUR_WINDOW`` cheap bounds (one set
intersection each) per unpaired unit, and difflib's ratio only for the candidates that pass.
On 15,000 units a side (``benchmarks/redline_large_act.py``): ~0.4 s with 4% of the units
edited, inserted or removed; ~2.5 s when every text was rewritten (the worst case: every
unit unpaired after step 3 and diffed word by word).
"""

from __future__ import annotations

import bisect
import enum
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Protocol

from django.utils.translation import pgettext_lazy

# Two texts at least this similar (difflib's ratio over words: twice the matching words over
# all words) are taken for one provision edited, below it for two different ones. 0.6 keeps a
# sentence with a phrase replaced or a clause added (typically 0.7-0.9) and rejects the
# formulaic siblings of legal drafting ("1) osoby fizyczne;" against "2) osoby prawne;" is
# 0.5), which must not be mistaken for renumberings of each other.
SIMILARITY_THRESHOLD = 0.6

# How many unpaired units of the same kind, on each side of the expected position, a unit is
# compared with when looking for its renumbered counterpart. Bounds the work to O(n * window).
NEIGHBOUR_WINDOW = 50

# A container is compared by at most this many words of the units under it, scanning at most
# this many units: enough to tell paragraphs apart, and bounded for a chapter of hundreds.
CONTAINER_SAMPLE_WORDS = 60
CONTAINER_SAMPLE_UNITS = 60

# Nesting of the units of Polish legislative drafting (lower contains higher). Articles and
# paragraphs are alternatives (a statute uses art., a regulation §), so they share a level.
KIND_DEPTH: dict[str, int] = {
    "title": 0,
    "legal_basis": 0,
    "annex": 0,
    "justification": 0,
    "chapter": 1,
    "section": 2,
    "article": 3,
    "paragraph": 3,
    "ustep": 4,
    "point": 5,
    "letter": 6,
    "common_part": 6,
    "tiret": 7,
}
# A kind missing from the table is treated as a leaf: it has no units under it.
LEAF_DEPTH = max(KIND_DEPTH.values()) + 1


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


def compute_redline(old: Sequence[ProvisionInput], new: Sequence[ProvisionInput]) -> Redline:
    """Pair the units of ``old`` and ``new`` and describe each pair, addition and removal."""
    old_units = _prepare(old)
    new_units = _prepare(new)
    old_to_new = _pair(old_units, new_units)
    entries = _entries(old_units, new_units, old_to_new)
    summary = {change.value: 0 for change in Change}
    summary.update(Counter(entry.change.value for entry in entries))
    return Redline(entries=entries, summary=summary)


def diff_words(old_text: str, new_text: str) -> list[WordChange]:
    """A word-level diff; punctuation stays on its word and whitespace is normalised.

    Joining the ``equal`` and ``insert`` runs with spaces gives the new text, the ``equal``
    and ``delete`` runs the old one (each with its whitespace collapsed to single spaces).
    """
    return _diff_tokens(old_text.split(), new_text.split())


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


# --- Preparing the units --------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    position: int
    label: str
    kind: str
    anchor: str
    text: str
    words: list[str]
    # What pairing compares: the own words, or for a container the words of its contents.
    match_words: list[str] = field(default_factory=list)
    match_key: str = ""


def _read(provision: ProvisionInput, name: str) -> Any:
    if isinstance(provision, Mapping):
        return provision[name]
    return getattr(provision, name)


def _prepare(provisions: Sequence[ProvisionInput]) -> list[_Unit]:
    ordered = sorted(provisions, key=lambda provision: _read(provision, "order"))
    units = []
    for position, provision in enumerate(ordered):
        text = _read(provision, "text") or ""
        units.append(
            _Unit(
                position=position,
                label=str(_read(provision, "label")),
                kind=str(_read(provision, "kind")),
                anchor=str(_read(provision, "anchor")),
                text=text,
                words=text.split(),
            )
        )
    for unit in units:
        unit.match_words = unit.words or _contents_words(units, unit.position)
        unit.match_key = " ".join(unit.match_words)
    return units


def _contents_words(units: list[_Unit], position: int) -> list[str]:
    """The first words of the units under a container (they follow it in document order)."""
    depth = KIND_DEPTH.get(units[position].kind, LEAF_DEPTH)
    words: list[str] = []
    end = min(len(units), position + 1 + CONTAINER_SAMPLE_UNITS)
    for unit in units[position + 1 : end]:
        if KIND_DEPTH.get(unit.kind, LEAF_DEPTH) <= depth or len(words) >= CONTAINER_SAMPLE_WORDS:
            break
        words.extend(unit.words)
    return words[:CONTAINER_SAMPLE_WORDS]


# --- Pairing ------------------------------------------------------------------------------


def _pair(old_units: list[_Unit], new_units: list[_Unit]) -> list[int | None]:
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

    def same_label_candidates() -> list[tuple[_Unit, _Unit]]:
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
    units: list[_Unit], is_paired: Callable[[int], bool]
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
    old_units: list[_Unit], new_units: list[_Unit], old_to_new: list[int | None]
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


# --- Describing the pairs -----------------------------------------------------------------


def _entries(
    old_units: list[_Unit], new_units: list[_Unit], old_to_new: list[int | None]
) -> list[RedlineEntry]:
    new_to_old: list[int | None] = [None] * len(new_units)
    for paired_old, paired_new in enumerate(old_to_new):
        if paired_new is not None:
            new_to_old[paired_new] = paired_old

    # Removed units follow the nearest paired unit before them in the old version (-1: none).
    removed_after: dict[int, list[_Unit]] = {}
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


def _added(unit: _Unit) -> RedlineEntry:
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


def _removed(unit: _Unit) -> RedlineEntry:
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


def _paired(old_unit: _Unit, new_unit: _Unit) -> RedlineEntry:
    same_label = old_unit.label == new_unit.label
    if old_unit.words == new_unit.words:
        change = Change.UNCHANGED if same_label else Change.RENUMBERED
        words: list[WordChange] = []
        similarity = 1.0
    else:
        change = Change.CHANGED if same_label else Change.RENUMBERED_AND_CHANGED
        words = _diff_tokens(old_unit.words, new_unit.words)
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


def _diff_tokens(old_words: list[str], new_words: list[str]) -> list[WordChange]:
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
