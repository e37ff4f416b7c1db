"""Finishing a parse: settling what only the whole text tells, labels, the flat result."""

from __future__ import annotations

from acts.parsing import diagnostics, markers, title
from acts.parsing.diagnostics import ParseWarning, WarningCode
from acts.parsing.kinds import CITATION_KINDS, LIST_ITEM_KINDS, ProvisionKind
from acts.parsing.labels import (
    JUSTIFICATION_LABEL,
    LEGAL_BASIS_LABEL,
    PART_WORD,
    PREAMBLE_LABEL,
    SIGNATURE_LABEL,
    TEXT_LABEL,
    anchor_for_label,
    annex_label,
    annex_suffix,
    citation_part,
    duplicate_label,
    quotation_label,
)
from acts.parsing.parser.state import LIST_CONJUNCTIONS, LIST_ITEM_ENDINGS, LIST_OPEN_ENDINGS
from acts.parsing.parser.units import UnitParser
from acts.parsing.results import ParsedProvision, ParseResult
from acts.parsing.tree import Node

_SPECIAL_LABELS = {
    ProvisionKind.LEGAL_BASIS: LEGAL_BASIS_LABEL,
    ProvisionKind.PREAMBLE: PREAMBLE_LABEL,
    ProvisionKind.JUSTIFICATION: JUSTIFICATION_LABEL,
    ProvisionKind.SIGNATURE: SIGNATURE_LABEL,
    ProvisionKind.TEXT: TEXT_LABEL,
}


class FinishingParser(UnitParser):
    """Finishing: what only the whole text tells, then the labels and the flat result."""

    def _finish(self) -> ParseResult:
        if self.quotation is not None:
            self.unclosed_quotation_line = self.quotation.line_index
        self._settle_pre_body_kind()
        self._infer_lost_paragraph_markers()
        for node in self.root.walk():
            if node.kind is ProvisionKind.TEXT:
                self._warn(
                    WarningCode.UNSTRUCTURED_TEXT, diagnostics.unstructured_text_message(), node
                )
        self._check_list_punctuation()
        footers = [line for line in self.skipped_lines if not markers.is_draft_stamp(line)]
        if footers:
            self._warn(
                WarningCode.FOOTERS_DROPPED, diagnostics.footers_dropped_message(footers), None
            )
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
        label = _citation(node)
        # Ustępy and points under a heading of an annex are numbered within it, so the heading
        # is part of their label ("część II.B ust. 1", "Rozdział 2 ust. 1"); paragraphs and
        # articles are numbered through the whole annex and need none.
        top = _citation_top(node)
        if top.kind not in _NUMBERED_THROUGH and top.parent is not None and top.annex() is not None:
            heading = _heading_path(top.parent)
            label = f"{heading} {label}" if heading else label
    elif kind is ProvisionKind.PART or (
        kind in (ProvisionKind.CHAPTER, ProvisionKind.SECTION)
        and node.parent is not None
        and node.parent.kind is ProvisionKind.PART
    ):
        label = _heading_path(node)
    elif kind is ProvisionKind.QUOTATION:
        label = quotation_label(_citation(node.parent), node.number)
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


def _citation(node: Node | None) -> str:
    """ "§ 1 ust. 2 pkt 3" for a unit cited by its path, without the annex it is in."""
    parts: list[str] = []
    current = node
    while current is not None and current.kind in CITATION_KINDS:
        parts.append(citation_part(current.kind, current.number, current.tiret_position))
        current = current.parent
    return " ".join(reversed(parts))


def _citation_top(node: Node) -> Node:
    while node.parent is not None and node.parent.kind in CITATION_KINDS:
        node = node.parent
    return node


_NUMBERED_THROUGH = frozenset({ProvisionKind.PARAGRAPH, ProvisionKind.ARTICLE})
_HEADING_KINDS = frozenset({ProvisionKind.PART, ProvisionKind.CHAPTER, ProvisionKind.SECTION})


def _heading_path(node: Node) -> str:
    """The headings a unit of an annex is in, outermost first: "część II", a part inside
    another "część II.B", a chapter inside a part "część III Rozdział 1"; "" for none."""
    steps: list[str] = []
    current: Node | None = node
    while current is not None and current.kind in _HEADING_KINDS:
        if current.kind is ProvisionKind.PART:
            parent = current.parent
            if parent is not None and parent.kind is ProvisionKind.PART:
                steps.append(f".{current.number}")
            else:
                steps.append(f" {PART_WORD} {current.number}")
        elif current.kind is ProvisionKind.CHAPTER:
            steps.append(f" Rozdział {current.number}")
        else:
            steps.append(f" Dział {current.number}")
        current = current.parent
    return "".join(reversed(steps)).strip()


def _ends_list_item(text: str) -> bool:
    words = text.split()
    return bool(words) and (text[-1] in LIST_ITEM_ENDINGS or words[-1].lower() in LIST_CONJUNCTIONS)


def _collapse(text: str) -> str:
    return " ".join(text.split())
