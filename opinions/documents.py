"""The council's documents (``documents.registry``): the position as a resolution (with an
editable DOCX), and the term report."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

POSITION = "position"
POSITION_SLOT = "opinions.position"
TERM_REPORT = "term_report"
TERM_SLOT = "opinions.term"


def _load_position(pk: int) -> Any:
    from opinions.models import Position

    return Position.objects.select_related("term", "council", "request").filter(pk=pk).first()


def _position_data(position: Any) -> Any:
    from opinions.selectors import position_document_data

    return position_document_data(position=position)


def _position_title(position: Any, data: Any) -> str:
    if data.number_label:
        return gettext("Resolution no. %(number)s of %(council)s") % {
            "number": data.number_label,
            "council": data.council_name,
        }
    return gettext("Draft position: %(subject)s") % {"subject": data.subject}


def _can_view_position(viewer: Any, position: Any) -> bool:
    from opinions.permissions import can_view_position

    return can_view_position(viewer, position)


def _position_docx(data: Any, *, title: str, code: str) -> bytes:
    from opinions.exports import position_docx

    return position_docx(data, title=title, code=code)


def _load_term(pk: int) -> Any:
    from opinions.models import Term

    return Term.objects.select_related("council").filter(pk=pk).first()


def _term_report_data(term: Any) -> Any:
    from opinions.selectors import term_report_document_data

    return term_report_document_data(term=term)


def _term_report_title(term: Any, data: Any) -> str:
    return gettext("Report on the activity of %(council)s: %(term)s") % {
        "council": data.council_name,
        "term": data.term_name,
    }


def _can_view_term_report(viewer: Any, term: Any) -> bool:
    from opinions.permissions import can_view_term_report

    return can_view_term_report(viewer, term)


def register() -> None:
    from documents.registry import DocumentKind, register

    register(
        DocumentKind(
            name=POSITION,
            label=_("council position"),
            load=_load_position,
            can_view=_can_view_position,
            data=_position_data,
            template="pdf/position.html",
            title=_position_title,
            page_slot=POSITION_SLOT,
            exports={"docx": _position_docx},
        )
    )
    register(
        DocumentKind(
            name=TERM_REPORT,
            label=_("council term report"),
            load=_load_term,
            can_view=_can_view_term_report,
            data=_term_report_data,
            template="pdf/term_report.html",
            title=_term_report_title,
            page_slot=TERM_SLOT,
        )
    )
