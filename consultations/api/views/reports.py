"""The report: its publication, and its readings as open data (JSON, CSV) and as the
outcome summary."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from consultations import permissions, selectors, services
from consultations.api.serializers import OutcomeSummaryOutputSerializer, ReportOutputSerializer
from consultations.api.views.base import ConsultationAction
from consultations.models import Consultation
from consultations.report import report_csv, report_data, report_json
from core.api import error_responses
from core.api_base import ApiView

TAGS = ["consultation reports"]


class ReportPublishApi(ConsultationAction):
    def perform(self, obj: Consultation, data: dict[str, Any]) -> None:
        services.report_publish(consultation=obj, actor=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Publish the consultation report",
        description=(
            "After the end, once every submitted comment that is not hidden has an answer "
            "(otherwise 409 report_incomplete with extra.unanswered). Answers are final "
            "from then on."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class ReportReading(ApiView):
    """A reading of the report: public once published; before that, a preview for the
    officials after the end; a 404 for everyone else."""

    permission_classes = [AllowAny]

    def consultation(self) -> Consultation:
        consultation = selectors.consultation_get_for(
            viewer=self.request.user, pk=self.kwargs["pk"], detail=False
        )
        if not permissions.can_view_report(self.request.user, consultation):
            raise Http404
        return consultation


class ReportJsonApi(ReportReading):
    @extend_schema(
        tags=TAGS,
        summary="The consultation report as open data (JSON)",
        description=(
            "Public once published; before that, a preview for the officials after the end. "
            "Organisations are named, residents are not; hidden comments come without text."
        ),
        responses={200: ReportOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(report_json(report_data(consultation=self.consultation())))


class ReportCsvApi(ReportReading):
    @extend_schema(
        tags=TAGS,
        summary="The consultation report's comments as open data (CSV, UTF-8 with BOM)",
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="One row per comment."
            ),
            **error_responses(404),
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        consultation = self.consultation()
        response = HttpResponse(
            report_csv(report_data(consultation=consultation)).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="consultation-{consultation.pk}-report.csv"'
        )
        return response


class SummaryApi(ReportReading):
    @extend_schema(
        tags=TAGS,
        summary="We asked, you said, we did: what came of the comments",
        description=(
            "Counts by disposition and per provision, and the act's next published "
            "version with a link to its redline against the consulted one."
        ),
        responses={200: OutcomeSummaryOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        summary = selectors.consultation_outcome_summary(consultation=self.consultation())
        redline_url = None
        if summary.next_version_number is not None:
            redline_url = (
                reverse(
                    "api-version-diff",
                    kwargs={"pk": summary.act_id, "number": summary.next_version_number},
                )
                + f"?against={summary.version_number}"
            )
        payload = {
            "consultation_id": summary.consultation_id,
            "act_id": summary.act_id,
            "version_number": summary.version_number,
            "total": summary.total,
            "answered": summary.answered,
            "accepted": summary.accepted,
            "by_disposition": summary.by_disposition,
            "rows": summary.rows,
            "next_version_number": summary.next_version_number,
            "redline_url": redline_url,
        }
        return Response(OutcomeSummaryOutputSerializer(payload).data)
