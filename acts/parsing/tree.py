"""The mutable tree the parser builds before it is frozen into ParsedProvision rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from acts.parsing.kinds import ProvisionKind

# Letters of enumerations follow the Latin alphabet, then "za", "zb", …; Polish has no q, v or x,
# so lists that skip them are not damaged.
LETTER_SEQUENCE = [chr(code) for code in range(ord("a"), ord("z") + 1)] + [
    f"z{chr(code)}" for code in range(ord("a"), ord("z") + 1)
]
LETTER_POSITIONS = {letter: position for position, letter in enumerate(LETTER_SEQUENCE)}
LETTERS_ABSENT_FROM_POLISH = frozenset({"q", "v", "x"})

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_NUMBER_PARTS = re.compile(r"(?P<integer>\d+)(?P<suffix>[a-z]*)")
_RANGE_SEPARATOR = re.compile(r"[–—-]")


@dataclass(eq=False)
class Node:
    # None only for the document root, which is never emitted.
    kind: ProvisionKind | None
    number: str = ""
    marker_parts: list[str] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    # The last number used by children of each kind, for gap and duplicate checks.
    last_child_number: dict[ProvisionKind, str] = field(default_factory=dict)
    # 1-based position among the parent's tirets: tirets are cited by ordinal, not by marker.
    tiret_position: int = 0
    tiret_count: int = 0
    # Set for units created without a marker in the source (see the parser's inference).
    inferred: bool = False
    # For headings inside an annex: "roman" or "letter" (parts), "chapter", "section"; and on an
    # annex, the styles in the order they first appeared, outermost first.
    heading_style: str = ""
    heading_styles: list[str] = field(default_factory=list)

    def add_child(self, child: Node) -> Node:
        child.parent = self
        if child.kind is ProvisionKind.TIRET:
            self.tiret_count += 1
            child.tiret_position = self.tiret_count
        self.children.append(child)
        return child

    def own_text(self) -> str:
        if self.kind is ProvisionKind.QUOTATION:
            # Quoted wording keeps its lines, so the units it quotes can be told apart (and
            # parsed with parse_text); spaces inside each line are collapsed as elsewhere.
            return "\n".join(" ".join(part.split()) for part in self.text_parts if part.split())
        return " ".join(" ".join(self.text_parts).split())

    def marker_text(self) -> str:
        return " ".join(" ".join(self.marker_parts).split())

    def walk(self) -> Iterator[Node]:
        """Descendants in document order (pre-order), without the node itself."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def annex(self) -> Node | None:
        node: Node | None = self
        while node is not None:
            if node.kind is ProvisionKind.ANNEX:
                return node
            node = node.parent
        return None

    def depth(self) -> int:
        depth = -1
        node = self.parent
        while node is not None:
            depth += 1
            node = node.parent
        return depth


def roman_to_integer(numeral: str) -> int | None:
    total = 0
    previous = 0
    for character in reversed(numeral.upper()):
        value = _ROMAN_VALUES.get(character)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None


def numbering_key(kind: ProvisionKind, number: str) -> tuple[int, str] | None:
    """A sortable key for a unit number ("5a" → (5, "a"), "b" → (1, ""), "IV" → (4, ""))."""
    first = _RANGE_SEPARATOR.split(number)[0].strip()
    if kind is ProvisionKind.LETTER:
        position = LETTER_POSITIONS.get(first)
        if position is not None:
            return position, ""
        # An inserted letter: "aa", "ab" follow "a" (and "za" is the letter after "z").
        if len(first) == 2 and first[0] in LETTER_POSITIONS:
            return LETTER_POSITIONS[first[0]], first[1]
        return None
    match = _NUMBER_PARTS.fullmatch(first)
    if match is not None:
        return int(match.group("integer")), match.group("suffix")
    roman = re.fullmatch(r"(?P<numeral>[IVXLCDM]+)(?P<suffix>[a-z]*)", first)
    if roman is not None:
        value = roman_to_integer(roman.group("numeral"))
        return None if value is None else (value, roman.group("suffix"))
    return None


def last_numbering_key(kind: ProvisionKind, number: str) -> tuple[int, str] | None:
    """For a range ("5–7") the numbering continues after its end."""
    parts = _RANGE_SEPARATOR.split(number)
    return numbering_key(kind, parts[-1].strip())


def missing_units_between(
    kind: ProvisionKind, previous: tuple[int, str], current: tuple[int, str]
) -> int:
    """How many units are missing between two numbers (0 when they are consecutive)."""
    if current[0] <= previous[0]:
        return 0
    if kind is ProvisionKind.LETTER:
        skipped = LETTER_SEQUENCE[previous[0] + 1 : current[0]]
        return sum(1 for letter in skipped if letter[-1] not in LETTERS_ABSENT_FROM_POLISH)
    return current[0] - previous[0] - 1
