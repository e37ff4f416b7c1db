"""Consultations: the list and a new draft, one consultation and its changes, the
officials' actions (schedule, extend, cancel), meetings, attachments, and the consulted
version's provisions with their comment counts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from acts.models import Provision
from consultations import selectors, services
from consultations.api.filters import ConsultationFilter
from consultations.api.serializers import (
    ConsultationAttachmentOutputSerializer,
    ConsultationExtendInputSerializer,
    ConsultationInputSerializer,
    ConsultationListOutputSerializer,
    ConsultationProvisionOutputSerializer,
    MeetingInputSerializer,
    MeetingOutputSerializer,
    ReasonInputSerializer,
)
from consultations.api.views.base import (
    Addition,
    AttachmentUpload,
    ConsultationAction,
    ConsultationAnswer,
)
from consultations.models import Consultation
from core.api import error_responses
from core.api_base import ApiView

TAGS = ["consultations"]


class ConsultationListApi(ConsultationAnswer, generics.ListAPIView[Consultation]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    serializer_class = ConsultationListOutputSerializer
    filterset_class = ConsultationFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["starts_at", "ends_at", "title", "created_at"]
    input_serializer_class = ConsultationInputSerializer
    success_status = status.HTTP_201_CREATED
    error_statuses = (400, 401, 403)

    def get_queryset(self) -> QuerySet[Consultation]:
        return selectors.consultation_list(viewer=self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

    def perform(self, obj: None, data: dict[str, Any]) -> Consultation:
        return services.consultation_create(actor=self.request.user, **data)

    def reread(self, obj: None, result: Consultation) -> Consultation:
        return selectors.consultation_get_for(viewer=self.request.user, pk=result.pk)

    @extend_schema(
        tags=TAGS,
        summary="Consultations",
        description=(
            "Everything but drafts for everyone; officials also see their department's "
            "drafts. Filters: status (the phase: draft, scheduled, open, closed, "
            "report_published, cancelled), act_type, authority, department, act, topic, "
            "closing_before, closing_after, q. Ordering: starts_at, ends_at, title, "
            "created_at (prefix - for descending); newest start first by default."
        ),
        responses={200: ConsultationListOutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Prepare a consultation on a published act version (a draft)",
        description=(
            "Officials of the act's department and administrators. Dates may be dates: a "
            "start means midnight, an end 23:59:59, Warsaw time. Schedule it to publish it."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()


class ConsultationDetailApi(ConsultationAction):
    input_serializer_class = ConsultationInputSerializer
    input_partial = True

    def perform(self, obj: Consultation, data: dict[str, Any]) -> None:
        services.consultation_update(consultation=obj, actor=self.request.user, **data)

    @extend_schema(
        tags=TAGS, summary="One consultation, with its meetings, attachments and extensions"
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        tags=TAGS,
        summary="Change a consultation",
        description=(
            "A draft: anything. Scheduled, before its start: anything but the version. "
            "Open: the description only (extend the end with /extend/). Then nothing."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()


class ConsultationScheduleApi(ConsultationAction):
    error_statuses = (400, 401, 403, 404, 409)  # a period too short is a 400

    def perform(self, obj: Consultation, data: dict[str, Any]) -> None:
        services.consultation_schedule(consultation=obj, actor=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Schedule a draft consultation: it is published and opens at its start",
        description=(
            "Refused when the period is shorter than the minimum for the act's type "
            "(duration_too_short, with the earliest allowed end) or the end has passed."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class ConsultationExtendApi(ConsultationAction):
    input_serializer_class = ConsultationExtendInputSerializer

    def perform(self, obj: Consultation, data: dict[str, Any]) -> None:
        services.consultation_extend(consultation=obj, actor=self.request.user, **data)

    @extend_schema(tags=TAGS, summary="Extend an open consultation: a later end, with a reason")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class ConsultationCancelApi(ConsultationAction):
    input_serializer_class = ReasonInputSerializer

    def perform(self, obj: Consultation, data: dict[str, Any]) -> None:
        services.consultation_cancel(
            consultation=obj, actor=self.request.user, reason=data["reason"]
        )

    @extend_schema(tags=TAGS, summary="Cancel a consultation before it closes, with a reason")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class MeetingCreateApi(Addition, ConsultationAction):
    input_serializer_class = MeetingInputSerializer
    output_serializer_class = MeetingOutputSerializer

    def perform(self, obj: Consultation, data: dict[str, Any]) -> Any:
        return services.meeting_add(consultation=obj, actor=self.request.user, **data)

    @extend_schema(tags=TAGS, summary="Add a consultation meeting (date, place, notes)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class ConsultationAttachmentCreateApi(AttachmentUpload, ConsultationAction):
    output_serializer_class = ConsultationAttachmentOutputSerializer

    def perform(self, obj: Consultation, data: dict[str, Any]) -> Any:
        return services.consultation_attachment_add(
            consultation=obj, actor=self.request.user, uploaded_file=data["file"]
        )

    @extend_schema(
        tags=TAGS,
        summary="Attach a document to a consultation (multipart)",
        description="PDF, DOCX, ODT, PNG, JPEG or plain text, told by content; size limited.",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class ConsultationProvisionListApi(ApiView, generics.ListAPIView[Provision]):
    permission_classes = [AllowAny]
    serializer_class = ConsultationProvisionOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Provision]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no object
            return Provision.objects.none()
        consultation = selectors.consultation_get_for(
            viewer=self.request.user, pk=self.kwargs["pk"], detail=False
        )
        return selectors.consultation_provisions_with_counts(
            consultation=consultation, viewer=self.request.user
        )

    @extend_schema(
        tags=TAGS,
        summary="The consulted version's provisions, with how many comments each has",
        description=(
            "In document order; comment_count counts the comments on the provision that you "
            "may see. Ask for up to 500 per page with page_size."
        ),
        responses={200: ConsultationProvisionOutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
