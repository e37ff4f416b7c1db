"""Reading .odt: paragraphs of the body, sections and tables in order, list numbering from
the list styles."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass
from acts.parsing.readers.common import (
    error_corrupt,
    error_embedded_objects,
    error_macros,
    int_or_default,
    letters,
    roman,
)

ODT_MACRO_PREFIXES = ("Basic/", "Scripts/")
ODT_EMBEDDED_OBJECT = re.compile(r"Object \d+/")


def read_odt(archive: zipfile.ZipFile, names: list[str], data: bytes) -> str:
    if any(name.startswith(ODT_MACRO_PREFIXES) for name in names):
        raise error_macros()
    if any(ODT_EMBEDDED_OBJECT.match(name) for name in names):
        raise error_embedded_objects()
    from odf import opendocument  # lazily: only uploads need odfpy

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception:
        # odfpy lets KeyError, SAX and zip errors through alike for a damaged file.
        raise error_corrupt() from None
    collector = _OdtTextCollector(_odt_list_styles(document))
    collector.walk(document.text, list_level=0, style_name="")
    return "\n".join(collector.lines)


# Elements whose paragraphs are read in order: sections, tables and their parts.
_ODT_CONTAINERS = frozenset(
    {
        "section",
        "index-body",
        "table",
        "table-header-rows",
        "table-rows",
        "table-row",
        "table-cell",
    }
)


class _OdtTextCollector:
    """Paragraphs of an OpenDocument text in order, with list numbering turned into markers."""

    def __init__(self, list_styles: dict[str, dict[int, tuple[str, str, str]]]) -> None:
        self.list_styles = list_styles
        self.lines: list[str] = []

    def walk(self, element: Any, *, list_level: int, style_name: str) -> None:
        for child in element.childNodes:
            name = _odt_local_name(child)
            if name in ("p", "h"):
                self.lines.append(_odt_text(child))
            elif name == "list":
                self.walk_list(child, list_level=list_level + 1, style_name=style_name)
            elif name in _ODT_CONTAINERS:
                self.walk(child, list_level=list_level, style_name=style_name)

    def walk_list(self, element: Any, *, list_level: int, style_name: str) -> None:
        style_name = element.getAttribute("stylename") or style_name
        count = 0
        for item in element.childNodes:
            name = _odt_local_name(item)
            if name == "list-item":
                count += 1
                marker = self.marker(style_name, list_level, count)
            elif name == "list-header":
                marker = ""
            else:
                continue
            first_paragraph = True
            for child in item.childNodes:
                child_name = _odt_local_name(child)
                if child_name in ("p", "h"):
                    text = _odt_text(child)
                    with_marker = first_paragraph and marker
                    self.lines.append(f"{marker} {text}" if with_marker else text)
                    first_paragraph = False
                elif child_name == "list":
                    self.walk_list(child, list_level=list_level + 1, style_name=style_name)

    def marker(self, style_name: str, level: int, count: int) -> str:
        number_format, prefix, suffix = self.list_styles.get(style_name, {}).get(
            level, ("", "", "")
        )
        if number_format == "bullet":
            return "–"
        if not number_format:
            return ""
        return f"{prefix}{_format_odt_number(count, number_format)}{suffix}"


def _odt_local_name(node: Any) -> str | None:
    qname = getattr(node, "qname", None)
    return qname[1] if qname else None


def _odt_text(element: Any) -> str:
    from odf import teletype

    return str(teletype.extractText(element))


def _odt_list_styles(document: Any) -> dict[str, dict[int, tuple[str, str, str]]]:
    """List style name → level → (number format, prefix, suffix); "bullet" for bullets."""
    from odf.namespaces import STYLENS, TEXTNS

    styles: dict[str, dict[int, tuple[str, str, str]]] = {}
    for root in (document.automaticstyles, document.styles):
        for style in root.childNodes:
            if getattr(style, "qname", None) != (TEXTNS, "list-style"):
                continue
            levels: dict[int, tuple[str, str, str]] = {}
            for level in style.childNodes:
                qname = getattr(level, "qname", None)
                depth = int_or_default(level.attributes.get((TEXTNS, "level")), 1) if qname else 0
                if qname == (TEXTNS, "list-level-style-bullet"):
                    levels[depth] = ("bullet", "", "")
                elif qname == (TEXTNS, "list-level-style-number"):
                    levels[depth] = (
                        level.attributes.get((STYLENS, "num-format"), ""),
                        level.attributes.get((STYLENS, "num-prefix"), ""),
                        level.attributes.get((STYLENS, "num-suffix"), ""),
                    )
            styles[style.attributes.get((STYLENS, "name"), "")] = levels
    return styles


def _format_odt_number(value: int, number_format: str) -> str:
    return {
        "a": letters(value),
        "A": letters(value).upper(),
        "i": roman(value).lower(),
        "I": roman(value),
    }.get(number_format, str(value))
