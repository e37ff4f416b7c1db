"""The consultations' documents (``documents.registry``): the consultation report."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CONSULTATION_REPORT = "consultation_report"
REPORT_SLOT = "consultations.report"


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
        )
    )
