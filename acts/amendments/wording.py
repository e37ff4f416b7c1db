"""Reading a quoted new wording into units labelled as in the amended act.

A wording quotes units of the amended act as they will read: "§ 4. 1. Nagrodę przyznaje
się corocznie. 2. Nagroda ma charakter honorowy.", "2a) edukację;", "3. Wnioski rozpatruje
komisja: 1) …". Its numbering starts wherever the amended unit stands (ust. 3, lit. c), so
it is read here by its markers rather than by the act parser, which expects a whole act
whose lists start at 1. Markers are found at the start of a line, or after the end of a
sentence or list item on the same line (the parser keeps a quotation with its whitespace
collapsed): an ustęp's number must then be followed by a capital letter, so "w dniu 3.
maja" is not split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from acts.amendments.instructions import Address
from acts.parsing.kinds import ProvisionKind
from acts.parsing.labels import anchor_for_label, citation_part

_RANK = {
    ProvisionKind.ARTICLE: 0,
    ProvisionKind.PARAGRAPH: 0,
    ProvisionKind.USTEP: 1,
    ProvisionKind.POINT: 2,
    ProvisionKind.LETTER: 3,
    ProvisionKind.TIRET: 4,
}
_UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
_MARKERS: list[tuple[ProvisionKind, re.Pattern[str]]] = [
    (ProvisionKind.PARAGRAPH, re.compile(r"§\s*(?P<number>\d+[a-z]{0,3})\.\s*")),
    (ProvisionKind.ARTICLE, re.compile(r"Art\.\s*(?P<number>\d+[a-z]{0,3})\.\s*")),
    (ProvisionKind.USTEP, re.compile(rf"(?P<number>\d+[a-z]{{0,3}})\.\s+(?=[{_UPPER}„\"“])")),
    (ProvisionKind.POINT, re.compile(r"(?P<number>\d+[a-z]{0,3})\)\s+")),
    (ProvisionKind.LETTER, re.compile(r"(?P<number>[a-z]{1,3})\)\s+")),
    (ProvisionKind.TIRET, re.compile(r"(?P<number>[–—-])\s+")),
]
# Where a marker may start inside a line: after a sentence's or a list item's end.
_BREAK = re.compile(
    rf"(?<=[.;:,])\s+(?=(?:§\s*\d|Art\.\s*\d|\d+[a-z]{{0,3}}\.\s+[{_UPPER}„\"“]|\d+[a-z]{{0,3}}\)\s|[a-z]{{1,3}}\)\s|[–—]\s))"
)


@dataclass(frozen=True)
class WordingUnit:
    label: str
    kind: str
    text: str
    anchor: str
    # Below the first unit of the wording: 0 for it and its siblings.
    depth: int


@dataclass
class _Open:
    inner: str
    kind: ProvisionKind
    depth: int
    text: list[str] = field(default_factory=list)


def _pieces(wording: str) -> list[str]:
    pieces: list[str] = []
    for line in wording.splitlines():
        pieces.extend(piece.strip() for piece in _BREAK.split(line.strip()) if piece.strip())
    return pieces


def _marker(piece: str) -> tuple[ProvisionKind, str, str] | None:
    for kind, pattern in _MARKERS:
        match = pattern.match(piece)
        if match is not None:
            return kind, match.group("number"), piece[match.end() :]
    return None


def read_wording(wording: str, *, prefix: Address) -> list[WordingUnit]:
    """The units a wording quotes, in order, labelled under ``prefix`` (the amended unit's
    parent). Text before the first marker belongs to no unit and comes back as one unit
    of kind ``text`` with an empty label, for the caller to place."""
    units: list[_Open] = []
    # (rank, label within the wording, tiret count) of the open units, outermost first.
    stack: list[tuple[int, str, list[int]]] = []
    top_tirets = [0]
    leading: list[str] = []
    for piece in _pieces(wording):
        found = _marker(piece)
        while found is not None:
            kind, number, rest = found
            rank = _RANK[kind]
            while stack and stack[-1][0] >= rank:
                stack.pop()
            tirets = stack[-1][2] if stack else top_tirets
            if kind is ProvisionKind.TIRET:
                tirets[0] += 1
            part = citation_part(kind, number, tirets[0])
            inner = f"{stack[-1][1]} {part}" if stack else part
            units.append(_Open(inner=inner, kind=kind, depth=len(stack)))
            stack.append((rank, inner, [0]))
            # "§ 4. 1. Nagroda …": a paragraph's first ustęp may follow its marker.
            nested = (
                _marker(rest) if kind in {ProvisionKind.PARAGRAPH, ProvisionKind.ARTICLE} else None
            )
            if nested is not None and _RANK[nested[0]] > rank:
                found = nested
                continue
            piece = rest
            found = None
            if piece:
                units[-1].text.append(piece)
            piece = ""
        if piece:
            if units:
                units[-1].text.append(piece)
            else:
                leading.append(piece)
    result: list[WordingUnit] = []
    if leading:
        result.append(
            WordingUnit(label="", kind="text", text=" ".join(leading), anchor="", depth=0)
        )
    for unit in units:
        label = prefix.with_fragment_label(unit.inner)
        result.append(
            WordingUnit(
                label=label,
                kind=str(unit.kind),
                text=" ".join(" ".join(unit.text).split()),
                anchor=anchor_for_label(label),
                depth=unit.depth,
            )
        )
    return result
