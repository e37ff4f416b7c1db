"""What one parse keeps while it reads: its phase, the open units, pending warnings; and the
limits by which a line is taken for a marker."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto
from typing import TYPE_CHECKING

from acts.parsing import markers
from acts.parsing.diagnostics import WarningCode
from acts.parsing.kinds import ProvisionKind
from acts.parsing.tree import Node

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ParserPhase(Enum):
    BEFORE_BODY = auto()
    LEGAL_BASIS = auto()
    BODY = auto()
    JUSTIFICATION = auto()


@dataclass
class PendingWarning:
    code: WarningCode
    message: StrOrPromise
    # Labels are only known once the whole tree is built, so warnings point at nodes until then.
    node: Node | None


@dataclass
class OpenQuotation:
    """A quotation of new wording being read: every line goes into it until it closes."""

    node: Node
    opener: str
    # Quotation marks open inside it, itself included (see ``markers.scan_quotation``).
    depth: int
    # The source line it opened on, so a parse can be repeated without it if it never closes.
    line_index: int


@dataclass
class AnnexHeading:
    annex: Node
    has_reference: bool


# A line starting "2." or "3)" is only a marker when its number fits the list it would join.
# The first item may be numbered at most this (a lost "1." is common: "§ 1. Tekst\n2. Tekst")…
FIRST_NUMBER_TOLERANCE = {
    ProvisionKind.USTEP: 2,
    ProvisionKind.POINT: 5,
    ProvisionKind.LETTER: 2,  # a position in the letter sequence: "c"
}
# … and a later item may skip at most this many numbers (damage), not jump to "15." or "2026.".
MAXIMUM_PLAUSIBLE_NUMBER_JUMP = 5

# Units whose text may start with their first child: "§ 1. 1. …", "1. 1) …", "1) a) …".
FIRST_CHILD_ON_SAME_LINE = {
    ProvisionKind.PARAGRAPH: (ProvisionKind.USTEP, ProvisionKind.POINT),
    ProvisionKind.ARTICLE: (ProvisionKind.USTEP, ProvisionKind.POINT),
    ProvisionKind.USTEP: (ProvisionKind.POINT,),
    ProvisionKind.POINT: (ProvisionKind.LETTER,),
}
FIRST_NUMBER = {ProvisionKind.USTEP: "1", ProvisionKind.POINT: "1", ProvisionKind.LETTER: "a"}

# List items end with a punctuation mark or with the conjunction joining the last two items.
LIST_ITEM_ENDINGS = '.;,:!?…)]”"'
LIST_CONJUNCTIONS = frozenset({"oraz", "lub", "i", "albo", "bądź", "także", "a"})
LIST_OPEN_ENDINGS = ";,"

# The word that makes stray text after the signature a justification ("Obszerne uzasadnienie …").
JUSTIFICATION_STEM = "uzasadnieni"


class ParserState:
    """The state of one parse (``ActParser``); the methods live in the classes built on it."""

    def __init__(
        self, text: str, *, unquoted_lines: frozenset[int] = frozenset(), fragment: bool = False
    ) -> None:
        self.lines = markers.normalize_text(text).split("\n")
        # A fragment of an act (the wording an amending act quotes): no title, no legal basis,
        # and its first units may have any number.
        self.fragment = fragment
        # Lines whose quotation opening is read as ordinary text: a quotation opened there never
        # closed in an earlier attempt (see ``parse_text``).
        self.unquoted_lines = unquoted_lines
        self.quotation: OpenQuotation | None = None
        self.unclosed_quotation_line: int | None = None
        # Lines of ``unquoted_lines`` where a quotation would have opened (for the warnings).
        self.quotation_openings_ignored: set[int] = set()
        self.root = Node(kind=None)
        self.stack: list[Node] = [self.root]
        self.state = ParserPhase.BEFORE_BODY
        self.act_type: str | None = None
        self.title_lines: list[str] = []
        self.lines_above_title: list[str] = []
        self.skipped_lines: list[str] = []
        self.pending_warnings: list[PendingWarning] = []
        self.pre_body_node: Node | None = None
        self.pre_body_has_formula = False
        # The unmarked text right after the legal basis: a body whose markers were all lost.
        self.body_text_node: Node | None = None
        self.annex_heading: AnnexHeading | None = None
        # The previous marker stood alone on its line, so the next line is its text whatever it
        # looks like ("§ 2.\nZałącznik nr 1 do uchwały stanowi …").
        self.awaiting_text = False
        self.previous_line = ""
        self.blank_before = True
        self.next_line_index = 0
