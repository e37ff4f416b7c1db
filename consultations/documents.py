"""The consultations' documents (``documents.registry``): the consultation report (with its
DOCX and the XLSX of its comments) and the receipt of a submitted comment."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CONSULTATION_REPORT = "consultation_report"
REPORT_SLOT = "consultations.report"
COMMENT_RECEIPT = "comment_receipt"
RECEIPT_SLOT = "consultations.comment_receipt"


def _load_consultation(pk: int) -> Any:
    from consultations.models import Consultation

    return (
        Consultation.objects.select_related("version__act__department__authority")
        .filter(pk=pk)
        .first()
    )


def _report_data(consultation: Any) -> Any:
    from consultations.report import report_data

    return report_data(consultation=consultation)


def _report_title(consultation: Any, data: Any) -> str:
    return gettext("Consultation report: %(title)s") % {"title": data.title}


def _can_view_report(viewer: Any, consultation: Any) -> bool:
    from consultations.permissions import can_view_report

    return can_view_report(viewer, consultation)


def _report_docx(data: Any, *, title: str, code: str) -> bytes:
    from consultations.exports import report_docx

    return report_docx(data, title=title, code=code)


def _report_xlsx(data: Any, *, title: str, code: str) -> bytes:
    from consultations.exports import report_xlsx

    return report_xlsx(data, title=title, code=code)


def _load_comment(pk: int) -> Any:
    from consultations.models import Comment

    return (
        Comment.objects.select_related(
            "consultation__version__act__department__authority", "organisation", "submitted_by"
        )
        .filter(pk=pk)
        .first()
    )


def _receipt_data(comment: Any) -> Any:
    from consultations.receipts import comment_receipt_data

    return comment_receipt_data(comment=comment)


def _receipt_title(comment: Any, data: Any) -> str:
    return gettext("Receipt of comment no. %(number)s") % {"number": data.tracking_number}


def _can_view_receipt(viewer: Any, comment: Any) -> bool:
    from consultations.permissions import is_comment_insider

    return is_comment_insider(viewer, comment)


def register() -> None:
    from documents.registry import DocumentKind, register

    register(
        DocumentKind(
            name=CONSULTATION_REPORT,
            label=_("consultation report"),
            load=_load_consultation,
            can_view=_can_view_report,
            data=_report_data,
            template="pdf/consultation_report.html",
            title=_report_title,
            page_slot=REPORT_SLOT,
            # The moment the data was gathered is not part of what the report says.
            volatile=("generated_at",),
            exports={"docx": _report_docx, "xlsx": _report_xlsx},
        )
    )
    register(
        DocumentKind(
            name=COMMENT_RECEIPT,
            label=_("receipt of a comment"),
            load=_load_comment,
            can_view=_can_view_receipt,
            data=_receipt_data,
            template="pdf/comment_receipt.html",
            title=_receipt_title,
            page_slot=RECEIPT_SLOT,
        )
    )
