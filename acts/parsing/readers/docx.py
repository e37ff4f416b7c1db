"""Reading .docx: the body's paragraphs in order, Word's automatic numbering turned back
into the markers it displays."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.etree import _Element
from acts.parsing.readers.common import (
    WORD_MACRO_CONTENT_TYPE,
    WORD_MAIN_CONTENT_TYPE,
    W,
    error_corrupt,
    error_embedded_objects,
    error_macros,
    error_type_mismatch,
    int_or_default,
    letters,
    read_member,
    roman,
)


def read_docx(archive: zipfile.ZipFile, names: list[str], data: bytes) -> str:
    content_types = read_member(archive, "[Content_Types].xml").decode("utf-8", "replace")
    if (
        WORD_MACRO_CONTENT_TYPE in content_types
        or any(name.lower().endswith("vbaproject.bin") for name in names)
        or "macroEnabled" in content_types
    ):
        raise error_macros()
    if any(name.startswith("word/embeddings/") for name in names):
        raise error_embedded_objects()
    if WORD_MAIN_CONTENT_TYPE not in content_types:
        # Another Office format (a spreadsheet, a presentation) renamed to .docx.
        raise error_type_mismatch()
    import docx  # lazily: python-docx pulls in lxml, only uploads need it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError):
        raise error_corrupt() from None
    numbering = _WordNumbering.from_document(document)
    lines = [
        _paragraph_line(paragraph, numbering)
        for paragraph in _body_paragraphs(document.element.body)
    ]
    return "\n".join(lines)


def _body_paragraphs(container: _Element) -> Iterator[_Element]:
    """Paragraphs in reading order, including those in tables and content controls.

    Walks the XML rather than python-docx's tables: a merged cell is one w:tc in the XML, while
    python-docx's row.cells repeats it once per grid column it spans.
    """
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            yield child
        elif tag == f"{W}tbl":
            for row in child.iterchildren(f"{W}tr"):
                for cell in row.iterchildren(f"{W}tc"):
                    yield from _body_paragraphs(cell)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_paragraphs(content)


def _paragraph_text(paragraph: _Element) -> str:
    # Reads w:t wherever it sits (runs, hyperlinks, tracked insertions, fields), which
    # python-docx's Paragraph.text skips for insertions. Deleted text is w:delText, not w:t.
    parts: list[str] = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if _inside_text_box(element, paragraph):
            continue
        tag = element.tag
        if tag == f"{W}t":
            parts.append(element.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _inside_text_box(element: _Element, paragraph: _Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == f"{W}txbxContent":
            return True
        parent = parent.getparent()
    return False


def _paragraph_line(paragraph: _Element, numbering: _WordNumbering) -> str:
    text = _paragraph_text(paragraph)
    marker = numbering.marker_for(paragraph)
    return f"{marker} {text}" if marker else text


@dataclass
class _NumberingLevel:
    number_format: str
    level_text: str
    start: int


@dataclass
class _WordNumbering:
    """Word's automatic numbering, replayed in document order to recover the shown markers."""

    # numId → abstractNumId, and the per-level start overrides of that numId.
    abstract_of_instance: dict[str, str] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    levels: dict[str, dict[int, _NumberingLevel]] = field(default_factory=dict)
    # Numbering set on paragraph styles (styleId → (numId, ilvl)).
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    instances_seen: set[str] = field(default_factory=set)

    MAXIMUM_LEVELS = 9

    @classmethod
    def from_document(cls, document: Any) -> _WordNumbering:
        numbering = cls()
        try:
            numbering_element = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in numbering_element.iter(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId", "")
            levels: dict[int, _NumberingLevel] = {}
            for level in abstract.iter(f"{W}lvl"):
                levels[int_or_default(level.get(f"{W}ilvl"), 0)] = _NumberingLevel(
                    number_format=_child_value(level, "numFmt") or "decimal",
                    level_text=_child_value(level, "lvlText") or "",
                    start=int_or_default(_child_value(level, "start"), 1),
                )
            numbering.levels[abstract_id] = levels
        for instance in numbering_element.iter(f"{W}num"):
            instance_id = instance.get(f"{W}numId", "")
            numbering.abstract_of_instance[instance_id] = _child_value(instance, "abstractNumId")
            overrides: dict[int, int] = {}
            for override in instance.iter(f"{W}lvlOverride"):
                start = _child_value(override, "startOverride")
                if start:
                    overrides[int_or_default(override.get(f"{W}ilvl"), 0)] = int_or_default(
                        start, 1
                    )
            numbering.start_overrides[instance_id] = overrides
        try:
            styles_element = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for style in styles_element.iter(f"{W}style"):
            number_properties = style.find(f"{W}pPr/{W}numPr")
            if number_properties is not None:
                instance_id = _child_value(number_properties, "numId")
                level = int_or_default(_child_value(number_properties, "ilvl"), 0)
                numbering.style_numbering[style.get(f"{W}styleId", "")] = (instance_id, level)
        return numbering

    def marker_for(self, paragraph: _Element) -> str:
        found = self._numbering_of(paragraph)
        if found is None:
            return ""
        instance_id, level = found
        abstract_id = self.abstract_of_instance.get(instance_id)
        if abstract_id is None or abstract_id not in self.levels:
            return ""
        levels = self.levels[abstract_id]
        if level not in levels or level >= self.MAXIMUM_LEVELS:
            return ""
        # Word continues a list across numIds sharing an abstract definition; a numId with a
        # start override restarts it the first time it is used.
        counters = self.counters.setdefault(abstract_id, [None] * self.MAXIMUM_LEVELS)
        if instance_id not in self.instances_seen:
            self.instances_seen.add(instance_id)
            for overridden_level, start in self.start_overrides.get(instance_id, {}).items():
                if overridden_level < self.MAXIMUM_LEVELS:
                    counters[overridden_level] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, self.MAXIMUM_LEVELS):
            counters[deeper] = None
        return self._render(levels, counters, level)

    def _numbering_of(self, paragraph: _Element) -> tuple[str, int] | None:
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return None
        number_properties = properties.find(f"{W}numPr")
        if number_properties is not None:
            instance_id = _child_value(number_properties, "numId")
            level = int_or_default(_child_value(number_properties, "ilvl"), 0)
        else:
            style_id = _child_value(properties, "pStyle")
            if style_id not in self.style_numbering:
                return None
            instance_id, level = self.style_numbering[style_id]
        # numId 0 explicitly removes numbering inherited from the style.
        if not instance_id or instance_id == "0":
            return None
        return instance_id, level

    def _render(
        self, levels: dict[int, _NumberingLevel], counters: list[int | None], level: int
    ) -> str:
        definition = levels[level]
        if definition.number_format == "bullet":
            # Polish acts use bullets only for tirets.
            return "–"
        if definition.number_format == "none":
            return definition.level_text.strip() if "%" not in definition.level_text else ""

        def replace(match: re.Match[str]) -> str:
            referenced = int(match.group(1)) - 1
            value = counters[referenced] if 0 <= referenced < len(counters) else None
            if value is None:
                value = levels[referenced].start if referenced in levels else 1
            number_format = levels[referenced].number_format if referenced in levels else "decimal"
            return _format_number(value, number_format)

        return re.sub(r"%([1-9])", replace, definition.level_text).strip()


def _child_value(element: _Element, name: str) -> str:
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val", "") if child is not None else ""


def _format_number(value: int, number_format: str) -> str:
    if number_format == "lowerLetter":
        return letters(value)
    if number_format == "upperLetter":
        return letters(value).upper()
    if number_format == "lowerRoman":
        return roman(value).lower()
    if number_format == "upperRoman":
        return roman(value)
    return str(value)
