"""Preparing the units of a version for pairing: words, depth, a container's contents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from acts.redline.results import ProvisionInput

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
    # A part of an annex ("I. Postanowienia ogólne") is a heading like a chapter.
    "part": 1,
    "section": 2,
    "article": 3,
    "paragraph": 3,
    "ustep": 4,
    "point": 5,
    "letter": 6,
    "common_part": 6,
    "tiret": 7,
}
# A kind missing from the table is treated as a leaf: it has no units under it (so is the quoted
# wording of an amending unit, "quotation").
LEAF_DEPTH = max(KIND_DEPTH.values()) + 1


@dataclass(slots=True)
class Unit:
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


def prepare_units(provisions: Sequence[ProvisionInput]) -> list[Unit]:
    ordered = sorted(provisions, key=lambda provision: _read(provision, "order"))
    units = []
    for position, provision in enumerate(ordered):
        text = _read(provision, "text") or ""
        units.append(
            Unit(
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


def _contents_words(units: list[Unit], position: int) -> list[str]:
    """The first words of the units under a container (they follow it in document order)."""
    depth = KIND_DEPTH.get(units[position].kind, LEAF_DEPTH)
    words: list[str] = []
    end = min(len(units), position + 1 + CONTAINER_SAMPLE_UNITS)
    for unit in units[position + 1 : end]:
        if KIND_DEPTH.get(unit.kind, LEAF_DEPTH) <= depth or len(words) >= CONTAINER_SAMPLE_WORDS:
            break
        words.extend(unit.words)
    return words[:CONTAINER_SAMPLE_WORDS]
