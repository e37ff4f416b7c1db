"""Turning the text of a Polish act into a flat, ordered list of addressable provisions.

The parser reads line by line through four states: the title block, the legal basis (up to the
enacting formula), the body with its annexes, and the justification. Inside the body a stack
holds the open units from the container (the act or an annex) down to the deepest unit; a marker
closes every open unit of its rank or deeper and opens a new one, and a line without a marker
continues the deepest open unit. So text with a lost marker stays in the unit before it instead
of being dropped, and every word of the source ends up in exactly one unit, in the title block,
in a marker or in the skipped layout lines (the property the tests check).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto
from typing import TYPE_CHECKING

from acts.parsing import diagnostics, markers, title
from acts.parsing.diagnostics import ParseWarning, WarningCode
from acts.parsing.kinds import (
    CITATION_KINDS,
    LIST_ITEM_KINDS,
    ProvisionKind,
    rank_of,
)
from acts.parsing.labels import (
    JUSTIFICATION_LABEL,
    LEGAL_BASIS_LABEL,
    PREAMBLE_LABEL,
    SIGNATURE_LABEL,
    TEXT_LABEL,
    anchor_for_label,
    annex_label,
    annex_suffix,
    citation_part,
    duplicate_label,
)
from acts.parsing.markers import MarkerMatch
from acts.parsing.results import ParsedProvision, ParseResult
from acts.parsing.tree import (
    Node,
    last_numbering_key,
    missing_units_between,
    numbering_key,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class _State(Enum):
    BEFORE_BODY = auto()
    LEGAL_BASIS = auto()
    BODY = auto()
    JUSTIFICATION = auto()


@dataclass
class _PendingWarning:
    code: WarningCode
    message: StrOrPromise
    # Labels are only known once the whole tree is built, so warnings point at nodes until then.
    node: Node | None


@dataclass
class _AnnexHeading:
    annex: Node
    has_reference: bool


_SPECIAL_LABELS = {
    ProvisionKind.LEGAL_BASIS: LEGAL_BASIS_LABEL,
    ProvisionKind.PREAMBLE: PREAMBLE_LABEL,
    ProvisionKind.JUSTIFICATION: JUSTIFICATION_LABEL,
    ProvisionKind.SIGNATURE: SIGNATURE_LABEL,
    ProvisionKind.TEXT: TEXT_LABEL,
}

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
_FIRST_CHILD_ON_SAME_LINE = {
    ProvisionKind.PARAGRAPH: (ProvisionKind.USTEP, ProvisionKind.POINT),
    ProvisionKind.ARTICLE: (ProvisionKind.USTEP, ProvisionKind.POINT),
    ProvisionKind.USTEP: (ProvisionKind.POINT,),
    ProvisionKind.POINT: (ProvisionKind.LETTER,),
}
_FIRST_NUMBER = {ProvisionKind.USTEP: "1", ProvisionKind.POINT: "1", ProvisionKind.LETTER: "a"}

# List items end with a punctuation mark or with the conjunction joining the last two items.
LIST_ITEM_ENDINGS = '.;,:!?…)]”"'
LIST_CONJUNCTIONS = frozenset({"oraz", "lub", "i", "albo", "bądź", "także", "a"})
LIST_OPEN_ENDINGS = ";,"

# The word that makes stray text after the signature a justification ("Obszerne uzasadnienie …").
JUSTIFICATION_STEM = "uzasadnieni"


class ActParser:
    """One parse of one text; use parse_text() rather than this class."""

    def __init__(self, text: str) -> None:
        self.lines = markers.normalize_text(text).split("\n")
        self.root = Node(kind=None)
        self.stack: list[Node] = [self.root]
        self.state = _State.BEFORE_BODY
        self.act_type: str | None = None
        self.title_lines: list[str] = []
        self.lines_above_title: list[str] = []
        self.skipped_lines: list[str] = []
        self.pending_warnings: list[_PendingWarning] = []
        self.pre_body_node: Node | None = None
        self.pre_body_has_formula = False
        # The unmarked text right after the legal basis: a body whose markers were all lost.
        self.body_text_node: Node | None = None
        self.annex_heading: _AnnexHeading | None = None
        # The previous marker stood alone on its line, so the next line is its text whatever it
        # looks like ("§ 2.\nZałącznik nr 1 do uchwały stanowi …").
        self.awaiting_text = False
        self.previous_line = ""
        self.blank_before = True
        self.next_line_index = 0

    # Reading ---------------------------------------------------------------------------------

    def parse(self) -> ParseResult:
        if not any(line.strip() for line in self.lines):
            warning = ParseWarning(
                WarningCode.EMPTY_TEXT, diagnostics.empty_text_message(), label=None
            )
            return ParseResult(None, None, None, [], [warning])
        index = self._read_title_block()
        while index < len(self.lines):
            line = self.lines[index].strip()
            index += 1
            self.next_line_index = index
            if not line:
                self.blank_before = True
                continue
            if markers.is_layout_noise(line):
                self.skipped_lines.append(line)
                continue
            remaining: str | None = line
            while remaining:
                remaining = self._dispatch(remaining)
            self.blank_before = False
        return self._finish()

    def _read_title_block(self) -> int:
        title_index = self._find_title_line()
        if title_index is None:
            return 0
        for line in self.lines[:title_index]:
            stripped = line.strip()
            if not stripped:
                continue
            if markers.is_layout_noise(stripped):
                self.skipped_lines.append(stripped)
            else:
                self.lines_above_title.append(stripped)
        index = title_index
        subject_started = False
        subject_starts_next = False
        while index < len(self.lines):
            line = self.lines[index].strip()
            if not line:
                if subject_started:
                    break
                index += 1
                continue
            if index != title_index:
                if markers.is_layout_noise(line):
                    self.skipped_lines.append(line)
                    index += 1
                    continue
                if self._ends_title(line):
                    break
            self.title_lines.append(line)
            index += 1
            if subject_starts_next or title.mentions_subject(line):
                subject_started = True
            if title.mentions_date(line):
                subject_starts_next = True
            if len(self.title_lines) >= title.MAXIMUM_TITLE_LINES:
                break
        return index

    def _find_title_line(self) -> int | None:
        content_lines_seen = 0
        for index, raw_line in enumerate(self.lines):
            line = raw_line.strip()
            if not line or markers.is_layout_noise(line):
                continue
            act_type = title.match_act_type(line, first_content_line=content_lines_seen == 0)
            if act_type is not None:
                self.act_type = act_type
                return index
            if self._starts_body(line) or markers.is_legal_basis_start(line):
                return None
            content_lines_seen += 1
            if content_lines_seen > title.MAXIMUM_LINES_BEFORE_TITLE:
                return None
        return None

    def _ends_title(self, line: str) -> bool:
        return (
            markers.is_legal_basis_start(line)
            or markers.find_enacting_formula_end(line) is not None
            or self._starts_body(line)
        )

    def _starts_body(self, line: str) -> bool:
        return bool(
            markers.match_basic_unit(line)
            or markers.match_chapter(line)
            or markers.match_section(line)
            or markers.match_annex_header(line)
            or markers.match_justification_heading(line)
            or markers.match_ustep(line)
            or markers.match_point(line)
        )

    def _ends_legal_basis(self, line: str) -> bool:
        # Lists inside a legal basis ("Na podstawie:\n1) art. 18 …") are part of it; only the
        # units that can open a body end it.
        return bool(
            markers.match_basic_unit(line)
            or markers.match_chapter(line)
            or markers.match_section(line)
            or (markers.match_annex_header(line) and self.blank_before)
            or markers.match_justification_heading(line)
        )

    def _dispatch(self, line: str) -> str | None:
        """Handle one line (or the rest of one); return what is left for the next state."""
        remaining: str | None
        if self.state is _State.BEFORE_BODY:
            remaining = self._before_body(line)
        elif self.state is _State.LEGAL_BASIS:
            remaining = self._legal_basis(line)
        elif self.state is _State.JUSTIFICATION:
            self._justification(line)
            remaining = None
        else:
            remaining = self._body(line)
        if remaining is None:
            self.previous_line = line
        return remaining

    def _before_body(self, line: str) -> str:
        if self._starts_body(line):
            self.state = _State.BODY
            return line
        self.pre_body_node = self._open_leaf(ProvisionKind.LEGAL_BASIS)
        self.state = _State.LEGAL_BASIS
        return line

    def _legal_basis(self, line: str) -> str | None:
        if self._ends_legal_basis(line):
            self._close_to_container()
            self.state = _State.BODY
            return line
        node = self.stack[-1]
        formula_end = markers.find_enacting_formula_end(line)
        if formula_end is None:
            node.text_parts.append(line)
            return None
        node.text_parts.append(line[:formula_end])
        self.pre_body_has_formula = True
        self._close_to_container()
        self.state = _State.BODY
        rest = line[formula_end:].strip()
        if rest:
            self.previous_line = line[:formula_end]
        return rest or None

    def _justification(self, line: str) -> None:
        if self.blank_before and self._try_annex_header(line):
            return
        self.stack[-1].text_parts.append(line)

    def _body(self, line: str) -> str | None:
        pieces = markers.split_lost_line_breaks(line)
        if len(pieces) > 1:
            self._body_line(pieces[0])
            self.previous_line = pieces[0]
            return " ".join(pieces[1:])
        self._body_line(line)
        return None

    def _body_line(self, line: str) -> None:
        if self.annex_heading is not None:
            if markers.is_annex_header_continuation(
                line, has_reference=self.annex_heading.has_reference
            ):
                self.annex_heading.annex.marker_parts.append(line)
                self.annex_heading.has_reference = True
                return
            self.annex_heading = None
        awaiting_text = self.awaiting_text
        self.awaiting_text = False
        if not awaiting_text:
            if self._try_annex_header(line):
                return
            if markers.match_justification_heading(line):
                self._open_justification(marker=line)
                return
            heading = markers.match_section(line) or markers.match_chapter(line)
            if heading is not None:
                self._open_unit_with_text(heading)
                return
        unit = markers.match_basic_unit(line)
        if unit is None and not markers.ends_inside_citation(self.previous_line):
            unit = self._match_list_marker(line)
        if unit is not None:
            self._open_unit_with_text(unit)
            return
        deepest = self.stack[-1]
        if deepest.kind is ProvisionKind.SIGNATURE:
            if markers.is_name_line(line):
                deepest.text_parts.append(line)
                return
            self._close_to_container()
            self._stray_text(line, after_signature=True)
            return
        if not awaiting_text and self._is_signature(line):
            self._close_to_container()
            self._open_leaf(ProvisionKind.SIGNATURE).text_parts.append(line)
            return
        if deepest is self.root or (deepest.kind is ProvisionKind.ANNEX and deepest.children):
            self._stray_text(line, after_signature=False)
            return
        deepest.text_parts.append(line)

    # Units -----------------------------------------------------------------------------------

    def _match_list_marker(self, line: str) -> MarkerMatch | None:
        for matcher in (markers.match_ustep, markers.match_point, markers.match_letter):
            candidate = matcher(line)
            if candidate is not None and self._fits_numbering(candidate):
                return candidate
        return markers.match_tiret(line)

    def _fits_numbering(self, candidate: MarkerMatch) -> bool:
        key = numbering_key(candidate.kind, candidate.number)
        if key is None:
            return False
        scope = self._numbering_scope(candidate.kind, self._parent_for(candidate.kind))
        previous = scope.last_child_number.get(candidate.kind)
        if previous is None:
            return key[0] <= FIRST_NUMBER_TOLERANCE[candidate.kind]
        previous_key = last_numbering_key(candidate.kind, previous)
        if previous_key is None:
            return True
        expected_next = key[0] == previous_key[0] + 1 or (
            key[0] == previous_key[0] and key[1] > previous_key[1]
        )
        # Ustępy start with a capital; "2. maja" after "1." wrapped from a date is not one.
        if (
            candidate.kind is ProvisionKind.USTEP
            and not expected_next
            and markers.starts_with_lowercase(candidate.rest)
        ):
            return False
        return key[0] <= previous_key[0] + MAXIMUM_PLAUSIBLE_NUMBER_JUMP

    def _parent_for(self, kind: ProvisionKind) -> Node:
        rank = rank_of(kind)
        for node in reversed(self.stack):
            if self._is_container(node) or rank_of(self._kind(node)) < rank:
                return node
        return self.root

    def _numbering_scope(self, kind: ProvisionKind, parent: Node) -> Node:
        # Paragraphs and articles are numbered through the whole act or annex, across chapters.
        if kind in (ProvisionKind.PARAGRAPH, ProvisionKind.ARTICLE):
            return self._container_of(parent)
        return parent

    def _open_unit_with_text(self, match: MarkerMatch) -> None:
        node = self._open_unit(match)
        rest = match.rest
        while rest:
            child = self._match_first_child(node, rest)
            if child is None:
                break
            node = self._open_unit(child)
            rest = child.rest
        if rest:
            node.text_parts.append(rest)
        else:
            self.awaiting_text = True

    def _match_first_child(self, node: Node, rest: str) -> MarkerMatch | None:
        for kind in _FIRST_CHILD_ON_SAME_LINE.get(self._kind(node), ()):
            matcher = {
                ProvisionKind.USTEP: markers.match_ustep,
                ProvisionKind.POINT: markers.match_point,
                ProvisionKind.LETTER: markers.match_letter,
            }[kind]
            candidate = matcher(rest)
            if candidate is not None and candidate.number == _FIRST_NUMBER[kind]:
                return candidate
        return None

    def _open_unit(self, match: MarkerMatch) -> Node:
        kind = match.kind
        if kind is ProvisionKind.TIRET and self._is_common_part():
            deepest = self.stack[-1]
            owner = deepest.parent if deepest.parent is not None else self.root
            while self.stack[-1] is not owner:
                self.stack.pop()
            kind = ProvisionKind.COMMON_PART
        else:
            self._close_for(kind)
        parent = self.stack[-1]
        node = Node(kind=kind, number=match.number, marker_parts=[match.marker])
        self._check_numbering(parent, node)
        parent.add_child(node)
        self.stack.append(node)
        return node

    def _is_common_part(self) -> bool:
        # A dash after the last item of a list that does not introduce a sub-list is the list's
        # common closing part ("1) …;\n2) …\n– w terminie 14 dni."), not a tiret of that item.
        deepest = self.stack[-1]
        return (
            deepest.kind in (ProvisionKind.POINT, ProvisionKind.LETTER)
            and not deepest.children
            and not deepest.own_text().endswith(":")
        )

    def _check_numbering(self, parent: Node, node: Node) -> None:
        kind = self._kind(node)
        if kind in (ProvisionKind.TIRET, ProvisionKind.COMMON_PART) or not node.number:
            return
        key = numbering_key(kind, node.number)
        if key is None:
            return
        scope = self._numbering_scope(kind, parent)
        previous = scope.last_child_number.get(kind)
        scope.last_child_number[kind] = node.number
        if previous is None:
            first = 0 if kind is ProvisionKind.LETTER else 1
            if key[0] > first:
                message = diagnostics.numbering_start_message(node.number)
                self._warn(WarningCode.NUMBERING_GAP, message, node)
            return
        previous_key = last_numbering_key(kind, previous)
        if previous_key is None:
            return
        if key == previous_key:
            message = diagnostics.numbering_duplicate_message(node.number)
            self._warn(WarningCode.NUMBERING_DUPLICATE, message, node)
        elif key < previous_key:
            message = diagnostics.numbering_out_of_order_message(previous, node.number)
            self._warn(WarningCode.NUMBERING_OUT_OF_ORDER, message, node)
        elif missing_units_between(kind, previous_key, key) > 0:
            message = diagnostics.numbering_gap_message(previous, node.number)
            self._warn(WarningCode.NUMBERING_GAP, message, node)

    def _close_for(self, kind: ProvisionKind) -> None:
        rank = rank_of(kind)
        while (
            not self._is_container(self.stack[-1]) and rank_of(self._kind(self.stack[-1])) >= rank
        ):
            self.stack.pop()

    def _close_to_container(self) -> None:
        while not self._is_container(self.stack[-1]):
            self.stack.pop()

    def _open_leaf(self, kind: ProvisionKind, marker: str = "") -> Node:
        self._close_to_container()
        node = Node(kind=kind, marker_parts=[marker] if marker else [])
        self.stack[-1].add_child(node)
        self.stack.append(node)
        return node

    def _stray_text(self, line: str, *, after_signature: bool) -> None:
        """Text that no open unit can take: after the signature, or a body without markers."""
        container = self.stack[-1]
        if after_signature and container is self.root and JUSTIFICATION_STEM in line.lower():
            self._open_justification(marker="").text_parts.append(line)
            return
        if container.kind is ProvisionKind.ANNEX and not container.children:
            container.text_parts.append(line)
            return
        node = self._open_leaf(ProvisionKind.TEXT)
        node.text_parts.append(line)
        if container is self.root and self.body_text_node is None and not after_signature:
            self.body_text_node = node

    def _open_justification(self, *, marker: str) -> Node:
        self.stack = [self.root]
        self.annex_heading = None
        self.state = _State.JUSTIFICATION
        return self._open_leaf(ProvisionKind.JUSTIFICATION, marker)

    def _try_annex_header(self, line: str) -> bool:
        header = markers.match_annex_header(line)
        if header is None:
            return False
        # A capitalised "Załącznik nr 1 do uchwały" inside a wrapped sentence is not a heading:
        # headings follow a blank line, a finished sentence or the signature.
        if not (
            self.blank_before
            or markers.ends_sentence(self.previous_line)
            or self.stack[-1].kind is ProvisionKind.SIGNATURE
        ):
            return False
        current = self._current_annex()
        if (
            current is not None
            and not current.children
            and not current.text_parts
            and current.number == (header.number or "")
        ):
            # Web transcripts sometimes print the heading twice; keep one annex.
            current.marker_parts.append(header.marker)
            self._warn(
                WarningCode.ANNEX_HEADER_REPEATED,
                diagnostics.annex_header_repeated_message(),
                current,
            )
            annex = current
        else:
            self.stack = [self.root]
            annex = Node(
                kind=ProvisionKind.ANNEX, number=header.number or "", marker_parts=[header.marker]
            )
            self.root.add_child(annex)
            self.stack.append(annex)
        if header.title:
            annex.text_parts.append(header.title)
        self.annex_heading = _AnnexHeading(annex, has_reference=header.has_reference)
        self.state = _State.BODY
        return True

    def _is_signature(self, line: str) -> bool:
        if not markers.is_signature_role(line) or not self.previous_line.endswith("."):
            return False
        return not markers.starts_with_lowercase(self._next_content_line())

    def _next_content_line(self) -> str:
        for raw_line in self.lines[self.next_line_index :]:
            line = raw_line.strip()
            if line and not markers.is_layout_noise(line):
                return line
        return ""

    def _current_annex(self) -> Node | None:
        return self.stack[1] if len(self.stack) > 1 and self._is_container(self.stack[1]) else None

    def _container_of(self, node: Node) -> Node:
        annex = node.annex()
        return annex if annex is not None else self.root

    def _is_container(self, node: Node) -> bool:
        return node is self.root or node.kind is ProvisionKind.ANNEX

    @staticmethod
    def _kind(node: Node) -> ProvisionKind:
        if node.kind is None:
            raise ValueError("the document root has no kind")
        return node.kind

    def _warn(self, code: WarningCode, message: StrOrPromise, node: Node | None) -> None:
        self.pending_warnings.append(_PendingWarning(code, message, node))

    # Finishing -------------------------------------------------------------------------------

    def _finish(self) -> ParseResult:
        self._settle_pre_body_kind()
        self._infer_lost_paragraph_markers()
        for node in self.root.walk():
            if node.kind is ProvisionKind.TEXT:
                self._warn(
                    WarningCode.UNSTRUCTURED_TEXT, diagnostics.unstructured_text_message(), node
                )
        self._check_list_punctuation()
        labels = self._assign_labels()
        provisions = self._freeze(labels)
        warnings = [
            ParseWarning(
                pending.code,
                pending.message,
                labels.get(pending.node) if pending.node is not None else None,
            )
            for pending in self.pending_warnings
        ]
        title_text = _collapse(" ".join(self.title_lines)) or None
        return ParseResult(
            act_type=self.act_type,
            title=title_text,
            subject=title.extract_subject(title_text) if title_text else None,
            provisions=provisions,
            warnings=warnings,
            title_block=_collapse(" ".join([*self.lines_above_title, *self.title_lines])),
            skipped_lines=self.skipped_lines,
        )

    def _settle_pre_body_kind(self) -> None:
        node = self.pre_body_node
        if node is None:
            return
        text = node.own_text()
        if self.pre_body_has_formula or "podstaw" in text.lower():
            return
        has_body = any(child is not node for child in self.root.children)
        # Text before the first unit is a preamble; with nothing after it, it is just text the
        # parser could not structure.
        node.kind = ProvisionKind.PREAMBLE if has_body else ProvisionKind.TEXT

    def _infer_lost_paragraph_markers(self) -> None:
        """A body whose every § marker was lost in transcription ("Gmina wyraża wolę …\n
        Wykonanie uchwały powierza się …") becomes one § per sentence, with a warning.

        Only after a legal basis (so it is an act's body), only when the body has no unit at all,
        and only when every line is a whole sentence: a hard-wrapped paragraph stays one unit.
        """
        node = self.body_text_node
        if node is None or self.pre_body_node is None:
            return
        if self.pre_body_node.kind is not ProvisionKind.LEGAL_BASIS:
            return
        if any(child.kind not in _KINDS_AROUND_AN_UNMARKED_BODY for child in self.root.children):
            return
        lines = node.text_parts
        if len(lines) < 2 or not all(line[:1].isupper() and line.endswith(".") for line in lines):
            return
        position = self.root.children.index(node)
        paragraphs = [
            Node(kind=ProvisionKind.PARAGRAPH, number=str(number), text_parts=[line], inferred=True)
            for number, line in enumerate(lines, start=1)
        ]
        for paragraph in paragraphs:
            paragraph.parent = self.root
        self.root.children[position : position + 1] = paragraphs
        self.body_text_node = None
        self._warn(
            WarningCode.MARKERS_INFERRED,
            diagnostics.markers_inferred_message(len(paragraphs)),
            paragraphs[0],
        )

    def _check_list_punctuation(self) -> None:
        for parent in (self.root, *self.root.walk()):
            children = parent.children
            for position, node in enumerate(children):
                if node.kind not in LIST_ITEM_KINDS or node.children:
                    continue
                following = children[position + 1] if position + 1 < len(children) else None
                # The last item before a common part runs on into it ("2) pocztą\n– w terminie
                # 7 dni."), so it has no punctuation of its own.
                if following is not None and following.kind is ProvisionKind.COMMON_PART:
                    continue
                if not _ends_list_item(node.own_text()):
                    self._warn(
                        WarningCode.LIST_ITEM_UNPUNCTUATED,
                        diagnostics.list_item_unpunctuated_message(),
                        node,
                    )
            if parent.kind in LIST_ITEM_KINDS:
                continue
            items = [child for child in children if child.kind in LIST_ITEM_KINDS]
            if not items or any(child.kind is ProvisionKind.COMMON_PART for child in children):
                continue
            last = items[-1]
            while last.children and last.children[-1].kind in LIST_ITEM_KINDS:
                last = last.children[-1]
            if last.own_text()[-1:] in tuple(LIST_OPEN_ENDINGS):
                self._warn(WarningCode.LIST_NOT_CLOSED, diagnostics.list_not_closed_message(), last)

    def _assign_labels(self) -> dict[Node, str]:
        labels: dict[Node, str] = {}
        occurrences: dict[str, int] = {}
        for node in self.root.walk():
            label = _base_label(node)
            occurrences[label] = occurrences.get(label, 0) + 1
            if occurrences[label] > 1:
                label = duplicate_label(label, occurrences[label])
            labels[node] = label
        return labels

    def _freeze(self, labels: dict[Node, str]) -> list[ParsedProvision]:
        provisions: list[ParsedProvision] = []
        used_anchors: set[str] = set()
        for order, node in enumerate(self.root.walk()):
            anchor = anchor_for_label(labels[node])
            if anchor in used_anchors:
                # Only reachable through labels that differ in characters the anchor drops;
                # numbering the repeats keeps anchors unique and still deterministic.
                repeat = 2
                while f"{anchor}-{repeat}" in used_anchors:
                    repeat += 1
                anchor = f"{anchor}-{repeat}"
            used_anchors.add(anchor)
            parent = node.parent
            provisions.append(
                ParsedProvision(
                    label=labels[node],
                    kind=self._kind(node),
                    text=node.own_text(),
                    parent=labels[parent]
                    if parent is not None and parent is not self.root
                    else None,
                    anchor=anchor,
                    number=node.number,
                    order=order,
                    depth=node.depth(),
                    marker=node.marker_text(),
                )
            )
        return provisions


# Root children that may surround a body whose markers were all lost.
_KINDS_AROUND_AN_UNMARKED_BODY = frozenset(
    {
        ProvisionKind.LEGAL_BASIS,
        ProvisionKind.TEXT,
        ProvisionKind.SIGNATURE,
        ProvisionKind.ANNEX,
        ProvisionKind.JUSTIFICATION,
    }
)


def _base_label(node: Node) -> str:
    kind = node.kind
    if kind is None:
        raise ValueError("the document root has no label")
    if kind in CITATION_KINDS:
        parts: list[str] = []
        current: Node | None = node
        while current is not None and current.kind in CITATION_KINDS:
            parts.append(citation_part(current.kind, current.number, current.tiret_position))
            current = current.parent
        label = " ".join(reversed(parts))
    elif kind is ProvisionKind.CHAPTER:
        label = f"Rozdział {node.number}"
    elif kind is ProvisionKind.SECTION:
        label = f"Dział {node.number}"
    elif kind is ProvisionKind.ANNEX:
        return annex_label(node.number or None)
    else:
        label = _SPECIAL_LABELS[kind]
    annex = node.annex()
    if annex is not None:
        label += annex_suffix(annex.number or None)
    return label


def _ends_list_item(text: str) -> bool:
    words = text.split()
    return bool(words) and (text[-1] in LIST_ITEM_ENDINGS or words[-1].lower() in LIST_CONJUNCTIONS)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def parse_text(text: str) -> ParseResult:
    """Parse the text of a Polish act (uchwała, zarządzenie, regulamin) into provisions.

    Never raises on odd input: damaged transcripts give warnings, and text that cannot be
    structured is kept in a unit of kind "text" rather than dropped.
    """
    return ActParser(text).parse()
