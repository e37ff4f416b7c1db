"""The formats a document is offered in: its signed PDF always, and the editable exports
its kind registers (``DocumentKind.exports``: the position and the consultation report as
DOCX, the report's comment table as XLSX).

The exports are made by the worker in the same task as the PDF, from the same gathered
data, and stored with it in the one transaction that makes the document ready: an export
always says what its PDF says, whatever changed in the subject since, and is served
through the same permission check. They are not signed (a word processor's file is made
to be edited); each names the signed PDF it is a copy of by its verification code.

The helpers below give the domain apps' builders a DOCX and a workbook set up alike:
Polish as the language, fonts named explicitly, text cells that no spreadsheet runs as a
formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import InvalidInput

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    content_type: str
    # The Document's file field that holds it.
    field: str
    link_label: str | Promise = ""


FORMATS: dict[str, Format] = {
    PDF: Format(PDF, "PDF", "application/pdf", "file", gettext_lazy("Download the PDF")),
    DOCX: Format(
        DOCX,
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx_file",
        gettext_lazy("Download the DOCX (to edit)"),
    ),
    XLSX: Format(
        XLSX,
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx_file",
        gettext_lazy("Download the comments (XLSX)"),
    ),
}
EXPORT_FORMATS = (DOCX, XLSX)


def offered(kind: Any) -> list[str]:
    """The formats of a kind's documents: the PDF, then its exports."""
    return [PDF, *(name for name in EXPORT_FORMATS if name in kind.exports)]


def format_or_refuse(kind: Any, name: str | None) -> Format:
    """The format asked for (``None`` or empty: the PDF); one the kind does not offer is
    refused with the list of those it does."""
    name = (name or PDF).strip().lower()
    formats = offered(kind)
    if name not in formats:
        listed = ", ".join(name for name in formats)
        message = _("This document is not offered as “%(format)s”. Choose one of: %(formats)s.") % {
            "format": name,
            "formats": listed,
        }
        raise InvalidInput(message, extra={"fields": {"format": [message]}})
    return FORMATS[name]


# DOCX ----------------------------------------------------------------------------------

DOCX_FONT = "DejaVu Serif"
DOCX_HEADING_FONT = "DejaVu Sans"
LANGUAGE_TAG = "pl-PL"


def new_docx(*, title: str, code: str) -> Any:
    """A DOCX in Polish (the proofing language of its styles) with the document's title
    and, in the footer, the signed PDF it is an editable copy of."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.language = LANGUAGE_TAG
    for style in document.styles:
        element = getattr(style, "element", None)
        if element is None or getattr(style, "font", None) is None:
            continue
        run_properties = element.get_or_add_rPr()
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_properties.append(language)
        language.set(qn("w:val"), LANGUAGE_TAG)
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(11)
    for level in (1, 2, 3):
        document.styles[f"Heading {level}"].font.name = DOCX_HEADING_FONT
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = (
        f"Wersja do edycji dokumentu o kodzie weryfikacyjnym {code}. "
        "Oryginałem jest podpisany dokument PDF."
    )
    return document


def docx_bytes(document: Any) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters XML 1.0 does not allow (a pasted text may carry them).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text as an office file holds it: new lines as ``\\n``, no character XML refuses."""
    return _NOT_IN_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class DocxWriter:
    """A DOCX written from top to bottom (``new_docx``'s set-up): headings, paragraphs
    (with an optional bold label), small tables.

    python-docx's own ``add_paragraph`` looks for the section's end among all the body's
    children and stores text a character at a time: for a report of 2,000 comments that is
    quadratic and took 12 s. Paragraphs here are built as XML and put straight before the
    section's properties, so the time grows with the text."""

    def __init__(self, *, title: str, code: str) -> None:
        from docx.oxml.ns import qn

        self.document = new_docx(title=title, code=code)
        self._end = self.document.element.body.find(qn("w:sectPr"))
        self._style_ids: dict[str, str] = {}

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    @staticmethod
    def _run(parent: Any, text: str, *, bold: bool = False) -> None:
        from docx.oxml.ns import qn
        from lxml import etree

        run = etree.SubElement(parent, qn("w:r"))
        if bold:
            etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:b"))
        lines = clean_text(text).split("\n")
        for index, line in enumerate(lines):
            if index:
                etree.SubElement(run, qn("w:br"))
            element = etree.SubElement(run, qn("w:t"), {XML_SPACE: "preserve"})
            element.text = line

    def paragraph(self, text: str, *, label: str = "", bold: bool = False, style: str = "") -> None:
        """A paragraph of ``text`` (new lines kept as line breaks), after a bold ``label``
        when given."""
        from docx.oxml.ns import qn
        from lxml import etree

        paragraph = self._end.makeelement(qn("w:p"), {})
        if style:
            properties = etree.SubElement(paragraph, qn("w:pPr"))
            etree.SubElement(properties, qn("w:pStyle"), {qn("w:val"): self._style_id(style)})
        if label:
            self._run(paragraph, f"{label} ", bold=True)
        self._run(paragraph, text, bold=bold)
        self._end.addprevious(paragraph)

    def heading(self, text: str, *, level: int) -> None:
        self.paragraph(text, style=f"Heading {level}")

    def table(self, rows: list[tuple[str, str]], *, header: tuple[str, str] | None = None) -> None:
        """A small two-column table (python-docx's: it is a few rows)."""
        table = self.document.add_table(rows=0, cols=2)
        table.style = self.document.styles["Table Grid"]
        for index, row in enumerate([header, *rows] if header else rows):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row[0], str(row[1])
            if header and index == 0:
                for cell in cells:
                    cell.paragraphs[0].runs[0].bold = True

    def bytes(self) -> bytes:
        return docx_bytes(self.document)


# XLSX ----------------------------------------------------------------------------------


def xlsx_table(*, title: str, headings: list[str], rows: Iterable[list[Any]]) -> bytes:
    """One sheet: a bold, frozen heading row and the rows, written as a stream (a
    write-only workbook: memory does not grow with the rows). Text stays text: a cell that
    starts like a formula (``=``) is stored as a string, never run."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.language = LANGUAGE_TAG
    # A sheet's name: at most 31 characters, none of []:*?/\
    sheet = workbook.create_sheet(
        "".join(char for char in title if char not in "[]:*?/\\")[:31] or "1"
    )
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def heading(value: str) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        return cell

    def text(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = clean_text(value)
        if not value.startswith("="):
            return value
        # openpyxl takes a string starting with "=" for a formula: keep it a string.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    sheet.append([heading(value) for value in headings])
    for row in rows:
        sheet.append([text(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
