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

from acts.parsing import diagnostics, markers, title
from acts.parsing.diagnostics import ParseWarning, WarningCode
from acts.parsing.kinds import ProvisionKind
from acts.parsing.parser.finishing import FinishingParser
from acts.parsing.parser.state import ParserPhase
from acts.parsing.results import ParseResult

# How many stray quotation marks are tried one by one before all are read as text.
MAXIMUM_QUOTATION_RETRIES = 10


class ActParser(FinishingParser):
    """One parse of one text; use parse_text() rather than this class.

    Reading: the title block, then line by line through the phases (``ParserPhase``).
    """

    def parse(self) -> ParseResult:
        if not any(line.strip() for line in self.lines):
            warning = ParseWarning(
                WarningCode.EMPTY_TEXT, diagnostics.empty_text_message(), label=None
            )
            return ParseResult(None, None, None, [], [warning])
        if self.fragment:
            index = 0
            self.state = ParserPhase.BODY
        else:
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
            line, footers = markers.split_signing_footers(line)
            self.skipped_lines.extend(footers)
            if not line:
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
        if self.state is ParserPhase.BEFORE_BODY:
            remaining = self._before_body(line)
        elif self.state is ParserPhase.LEGAL_BASIS:
            remaining = self._legal_basis(line)
        elif self.state is ParserPhase.JUSTIFICATION:
            self._justification(line)
            remaining = None
        else:
            remaining = self._body(line)
        if remaining is None:
            self.previous_line = line
        return remaining

    def _before_body(self, line: str) -> str:
        if self._starts_body(line):
            self.state = ParserPhase.BODY
            return line
        self.pre_body_node = self._open_leaf(ProvisionKind.LEGAL_BASIS)
        self.state = ParserPhase.LEGAL_BASIS
        return line

    def _legal_basis(self, line: str) -> str | None:
        if self._ends_legal_basis(line):
            self._close_to_container()
            self.state = ParserPhase.BODY
            return line
        node = self.stack[-1]
        formula_end = markers.find_enacting_formula_end(line)
        if formula_end is None:
            node.text_parts.append(line)
            return None
        node.text_parts.append(line[:formula_end])
        self.pre_body_has_formula = True
        self._close_to_container()
        self.state = ParserPhase.BODY
        rest = line[formula_end:].strip()
        if rest:
            self.previous_line = line[:formula_end]
        return rest or None

    def _justification(self, line: str) -> None:
        if self.blank_before and self._try_annex_header(line):
            return
        self.stack[-1].text_parts.append(line)

    def _body(self, line: str) -> str | None:
        if self.quotation is not None:
            return self._continue_quotation(line)
        opens_here = line[0] in markers.QUOTATION_OPENERS and self._awaits_quotation()
        opening = None if opens_here else markers.find_quotation_opening(line)
        if opens_here or opening is not None:
            line_index = self.next_line_index - 1
            if line_index in self.unquoted_lines:
                self.quotation_openings_ignored.add(line_index)
            elif opening is None:
                return self._open_quotation(line)
            else:
                # The instruction is read as any line; the quotation is what is left of it.
                self._body_pieces(line[:opening].rstrip())
                return line[opening:]
        return self._body_pieces(line)

    def _body_pieces(self, line: str) -> str | None:
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
            annex_heading = (
                self._match_annex_heading(line)
                if self.stack[-1].kind is not ProvisionKind.SIGNATURE
                else None
            )
            if annex_heading is not None:
                self._open_annex_heading(*annex_heading)
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


def parse_text(text: str) -> ParseResult:
    """Parse the text of a Polish act (uchwała, zarządzenie, regulamin) into provisions.

    Never raises on odd input: damaged transcripts give warnings, and text that cannot be
    structured is kept in a unit of kind "text" rather than dropped. A quotation that never
    closes would swallow the rest of the act, so the parse is repeated reading its opening as
    ordinary text, with a warning.
    """
    return _parse(text, fragment=False)


def parse_quotation(text: str) -> ParseResult:
    """Parse the wording an amending unit quotes (the text of a provision of kind "quotation")
    into the units it sets out, labelled as in the amended act: "§ 4. 1. …\n2. …" gives
    "§ 4", "§ 4 ust. 1", "§ 4 ust. 2"; "12) …" gives "pkt 12". There is no title or legal
    basis, and the first units may have any number."""
    return _parse(text, fragment=True)


def _parse(text: str, *, fragment: bool) -> ParseResult:
    unquoted_lines: frozenset[int] = frozenset()
    while True:
        # Each attempt reads one more stray quotation mark as text; past the limit all are.
        parser = ActParser(text, unquoted_lines=unquoted_lines, fragment=fragment)
        result = parser.parse()
        if parser.unclosed_quotation_line is None:
            result.warnings.extend(
                ParseWarning(
                    WarningCode.QUOTATION_NOT_CLOSED,
                    diagnostics.quotation_not_closed_message(line_index + 1),
                    label=None,
                )
                for line_index in sorted(parser.quotation_openings_ignored)
            )
            return result
        unquoted_lines |= {parser.unclosed_quotation_line}
        if len(unquoted_lines) > MAXIMUM_QUOTATION_RETRIES:
            # A text with many stray quotation marks: read all of them as ordinary text rather
            # than parse again once per mark.
            unquoted_lines = frozenset(range(len(parser.lines)))
