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


# XLSX ----------------------------------------------------------------------------------


def xlsx_table(*, title: str, headings: list[str], rows: Iterable[list[Any]]) -> bytes:
    """One sheet: a bold, frozen heading row and the rows. Text stays text: a cell that
    starts like a formula (``=``) is stored as a string, never run."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    # A sheet's name: at most 31 characters, none of []:*?/\
    sheet.title = "".join(char for char in title if char not in "[]:*?/\\")[:31] or "1"
    workbook.properties.title = title
    workbook.properties.language = LANGUAGE_TAG
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
