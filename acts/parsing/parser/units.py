"""Opening and closing units as their markers are read: numbering checks, annexes, the
signature, stray text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acts.parsing import diagnostics, markers
from acts.parsing.diagnostics import WarningCode
from acts.parsing.kinds import CITATION_KINDS, ProvisionKind, rank_of
from acts.parsing.markers import MarkerMatch
from acts.parsing.parser.state import (
    FIRST_CHILD_ON_SAME_LINE,
    FIRST_NUMBER,
    FIRST_NUMBER_TOLERANCE,
    JUSTIFICATION_STEM,
    MAXIMUM_PLAUSIBLE_NUMBER_JUMP,
    AnnexHeading,
    OpenQuotation,
    ParserPhase,
    ParserState,
    PendingWarning,
)
from acts.parsing.tree import (
    Node,
    last_numbering_key,
    missing_units_between,
    numbering_key,
    roman_to_integer,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class UnitParser(ParserState):
    """Units: a marker closes every open unit of its rank or deeper and opens a new one."""

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
            # A quoted fragment starts wherever the amended act is ("12) …"), at its top level.
            return key[0] <= FIRST_NUMBER_TOLERANCE[candidate.kind] or (
                self.fragment and scope is self.root
            )
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
        for kind in FIRST_CHILD_ON_SAME_LINE.get(self._kind(node), ()):
            matcher = {
                ProvisionKind.USTEP: markers.match_ustep,
                ProvisionKind.POINT: markers.match_point,
                ProvisionKind.LETTER: markers.match_letter,
            }[kind]
            candidate = matcher(rest)
            if candidate is not None and candidate.number == FIRST_NUMBER[kind]:
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
        if kind is ProvisionKind.PART:
            # Checked before the part is opened (``_part_fits``): a heading out of sequence is
            # not taken for one.
            return
        key = numbering_key(kind, node.number)
        if key is None:
            return
        scope = self._numbering_scope(kind, parent)
        previous = scope.last_child_number.get(kind)
        scope.last_child_number[kind] = node.number
        if previous is None:
            first = 0 if kind is ProvisionKind.LETTER else 1
            if key[0] > first and not (self.fragment and scope is self.root):
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

    def _match_annex_heading(self, line: str) -> tuple[MarkerMatch, str] | None:
        """A heading inside an annex and its style: "I. Postanowienia ogólne" ("roman"),
        "A. Cele" ("letter"), "Rozdział I" ("chapter"), "Dział 1" ("section")."""
        if self._current_annex() is None:
            return None
        section = markers.match_section(line)
        if section is not None:
            return section, "section"
        chapter = markers.match_chapter(line)
        if chapter is not None:
            return chapter, "chapter"
        for style, matcher in (
            ("roman", markers.match_roman_part),
            ("letter", markers.match_letter_part),
        ):
            candidate = matcher(line)
            if candidate is not None and self._part_fits(candidate.number, style):
                return candidate, style
        return None

    def _part_fits(self, number: str, style: str) -> bool:
        """A part starts at I (or A) and goes on from the previous part of its style, skipping
        at most one number (a heading lost in transcription)."""
        value = _part_value(number, style)
        if value is None:
            return False
        parent = self._heading_parent(style)
        previous = next(
            (child for child in reversed(parent.children) if child.heading_style == style), None
        )
        if previous is None:
            return value == 1
        previous_value = _part_value(previous.number, style)
        return previous_value is not None and previous_value < value <= previous_value + 2

    def _heading_parent(self, style: str) -> Node:
        """Where a heading of this style goes: under the nearest open heading of a style that
        first appeared before it, else directly in the annex."""
        styles = self._annex_heading_styles()
        level = styles.index(style) if style in styles else len(styles)
        for node in reversed(self.stack):
            if self._is_container(node):
                return node
            if node.heading_style and styles.index(node.heading_style) < level:
                return node
        return self.root

    def _open_annex_heading(self, match: MarkerMatch, style: str) -> None:
        styles = self._annex_heading_styles()
        if style not in styles:
            styles.append(style)
        parent = self._heading_parent(style)
        while self.stack[-1] is not parent:
            self.stack.pop()
        node = Node(
            kind=match.kind,
            number=match.number,
            marker_parts=[match.marker],
            heading_style=style,
        )
        self._check_numbering(parent, node)
        parent.add_child(node)
        self.stack.append(node)
        if match.rest:
            node.text_parts.append(match.rest)
        else:
            self.awaiting_text = True

    def _annex_heading_styles(self) -> list[str]:
        annex = self._current_annex()
        return annex.heading_styles if annex is not None else self.root.heading_styles

    def _awaits_quotation(self) -> bool:
        """The deepest open unit is an amending instruction whose quoted wording comes next."""
        deepest = self.stack[-1]
        return deepest.kind in CITATION_KINDS and markers.announces_quotation(deepest.own_text())

    def _open_quotation(self, line: str) -> str | None:
        """Open a quotation of new wording under the amending unit; ``line`` starts with its
        opening mark."""
        owner = self.stack[-1]
        count = sum(1 for child in owner.children if child.kind is ProvisionKind.QUOTATION)
        node = Node(kind=ProvisionKind.QUOTATION, number=str(count + 1), marker_parts=[line[0]])
        owner.add_child(node)
        self.stack.append(node)
        self.quotation = OpenQuotation(
            node, opener=line[0], depth=1, line_index=self.next_line_index - 1
        )
        self.awaiting_text = False
        return self._continue_quotation(line[1:].strip()) if line[1:].strip() else None

    def _continue_quotation(self, line: str) -> str | None:
        """A line inside an open quotation: its wording, up to the closing mark if the line has
        it; what follows the closing mark and its punctuation is returned to be read on."""
        quotation = self.quotation
        if quotation is None:
            raise ValueError("no quotation is open")
        scan = markers.scan_quotation(line, quotation.opener, quotation.depth)
        quotation.depth = scan.depth
        if scan.closing is None:
            quotation.node.text_parts.append(line)
            return None
        wording = line[: scan.closing].strip()
        if wording:
            quotation.node.text_parts.append(wording)
        punctuation, rest = markers.split_quotation_closing(line[scan.closing + 1 :])
        quotation.node.marker_parts.append(line[scan.closing] + punctuation)
        self.quotation = None
        self.stack.pop()
        self.previous_line = line
        return rest or None

    def _open_justification(self, *, marker: str) -> Node:
        self.stack = [self.root]
        self.annex_heading = None
        self.state = ParserPhase.JUSTIFICATION
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
        self.annex_heading = AnnexHeading(annex, has_reference=header.has_reference)
        self.state = ParserPhase.BODY
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
        self.pending_warnings.append(PendingWarning(code, message, node))


def _part_value(number: str, style: str) -> int | None:
    if style == "roman":
        return roman_to_integer(number)
    return ord(number) - ord("A") + 1 if len(number) == 1 and number.isupper() else None
