"""The consultations REST API: consultations, their provisions with comment counts,
comments, answers, the report as open data and the outcome summary.

Every view is built on ``core.api_base``: a write loads its object through a selector (one
the viewer may not see is a 404), checks the object permissions (403), validates its
input, calls one service, reads the result again and serializes it; every write honours
``Idempotency-Key`` (a retried submission gets the same receipt and changes nothing).
Services check who may act and the clock, and raise domain errors that ``core.api``
renders as ``{"message", "code", "extra"}``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from acts.models import Provision
from consultations import permissions, selectors, services
from consultations.api.filters import CommentFilter, ConsultationFilter
from consultations.api.permissions import CanManageConsultation
from consultations.api.serializers import (
    AnswerInputSerializer,
    AttachmentInputSerializer,
    BulkAnswerInputSerializer,
    CommentAttachmentOutputSerializer,
    CommentCreateInputSerializer,
    CommentOutputSerializer,
    CommentUpdateInputSerializer,
    ConsultationAttachmentOutputSerializer,
    ConsultationDetailOutputSerializer,
    ConsultationExtendInputSerializer,
    ConsultationInputSerializer,
    ConsultationListOutputSerializer,
    ConsultationProvisionOutputSerializer,
    MeetingInputSerializer,
    MeetingOutputSerializer,
    OutcomeSummaryOutputSerializer,
    ReasonInputSerializer,
    ReportOutputSerializer,
)
from consultations.models import Comment, Consultation
from consultations.report import report_csv, report_data, report_json
from core.api import error_responses
from core.api_base import ActionApi, ApiView, SerializerClass
from core.exceptions import InvalidInput

TAGS = ["consultations"]
COMMENT_TAGS = ["comments"]
REPORT_TAGS = ["consultation reports"]


def context(request: Request, **extra: Any) -> dict[str, Any]:
    """What the serializers read besides the data: the viewer's request and one moment."""
    return {"request": request, "now": timezone.now(), **extra}


class ConsultationAnswer(ActionApi[Any]):
    """Answers with the consultation as a GET of it shows it."""

    output_serializer_class: SerializerClass = ConsultationDetailOutputSerializer

    def get_input_context(self) -> dict[str, Any]:
        return context(self.request)

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return context(self.request)


class ConsultationAction(ConsultationAnswer, ActionApi[Consultation]):
    """On a consultation: read by anyone who may see it, run by the officials of the act's
    department and administrators."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanManageConsultation]
    detail = True  # with its meetings, attachments and extensions

    def load(self) -> Consultation:
        return selectors.consultation_get_for(
            viewer=self.request.user, pk=self.kwargs["pk"], detail=self.detail
        )


class CommentAction(ActionApi[Comment]):
    """On a comment: read by anyone who may see it; the services say who may change it.
    Answers with the comment as a GET of it shows it."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    output_serializer_class: SerializerClass = CommentOutputSerializer

    def load(self) -> Comment:
        return selectors.comment_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return context(self.request)


# --- Consultations ----------------------------------------------------------------------


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


class MeetingCreateApi(ConsultationAction):
    input_serializer_class = MeetingInputSerializer
    output_serializer_class = MeetingOutputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: Consultation, data: dict[str, Any]) -> Any:
        return services.meeting_add(consultation=obj, actor=self.request.user, **data)

    def reread(self, obj: Consultation, result: Any) -> Any:
        return result  # the meeting as written names all it shows

    @extend_schema(tags=TAGS, summary="Add a consultation meeting (date, place, notes)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class ConsultationAttachmentCreateApi(ConsultationAction):
    parser_classes = [MultiPartParser, FormParser]
    input_serializer_class = AttachmentInputSerializer
    output_serializer_class = ConsultationAttachmentOutputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: Consultation, data: dict[str, Any]) -> Any:
        return services.consultation_attachment_add(
            consultation=obj, actor=self.request.user, uploaded_file=data["file"]
        )

    def reread(self, obj: Consultation, result: Any) -> Any:
        return result  # the attachment as stored names all it shows

    @extend_schema(
        tags=TAGS,
        summary="Attach a document to a consultation (multipart)",
        description="PDF, DOCX, ODT, PNG, JPEG or plain text, told by content; size limited.",
        request={"multipart/form-data": AttachmentInputSerializer},
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


# --- Comments ---------------------------------------------------------------------------


class CommentListApi(ActionApi[Consultation], generics.ListAPIView[Comment]):
    """The comment submission hot path (see ARCHITECTURE "The hot paths"): the
    consultation is loaded with only what comments need, and the new comment is answered
    from what was written, not read back."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    serializer_class = CommentOutputSerializer
    filterset_class = CommentFilter
    filter_backends = [DjangoFilterBackend]
    input_serializer_class = CommentCreateInputSerializer
    output_serializer_class = CommentOutputSerializer
    success_status = status.HTTP_201_CREATED

    def get_queryset(self) -> QuerySet[Comment]:
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        return selectors.comment_list_for(viewer=self.request.user, consultation=self.load())

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

    def load(self) -> Consultation:
        self.consultation = selectors.consultation_for_comments(
            viewer=self.request.user, pk=self.kwargs["pk"]
        )
        return self.consultation

    def get_input_context(self) -> dict[str, Any]:
        return context(self.request, consultation=self.consultation)

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return context(self.request)

    def perform(self, obj: Consultation, data: dict[str, Any]) -> Comment:
        return services.comment_create(consultation=obj, actor=self.request.user, **data)

    def reread(self, obj: Consultation, result: Comment) -> Comment:
        return selectors.comment_just_created(result)  # complete as written

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="A consultation's comments that you may see",
        description=(
            "Submitted comments are public at once or after the end, as the consultation "
            "says; your organisations' drafts are listed too. A hidden comment shows why it "
            "was hidden, not its text. Filters: provision, whole_act, organisation, "
            "disposition, status, hidden."
        ),
        responses={200: CommentOutputSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Write a comment (a draft), or write and submit it at once",
        description=(
            "For an organisation you are a member of, or in your own name where residents "
            "may comment. With submit: true a representative (or the resident) submits it "
            "in the same request: the answer is the receipt (tracking_number, submitted_at). "
            "Send an Idempotency-Key header: a retry returns the same receipt and creates "
            "nothing. After the end the request is refused (consultation_closed) and "
            "extra.submitted returns your text."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentDetailApi(CommentAction):
    input_serializer_class = CommentUpdateInputSerializer

    def load(self) -> Comment:
        self.comment = super().load()
        return self.comment

    def get_input_context(self) -> dict[str, Any]:
        return context(self.request, consultation=self.comment.consultation)

    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        revision = data.pop("revision")
        services.comment_update(
            comment=obj, actor=self.request.user, expected_revision=revision, **data
        )

    @extend_schema(tags=COMMENT_TAGS, summary="One comment")
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Change a comment until the end",
        description=(
            "Send the revision you edited. If someone changed the comment since, the answer "
            "is 409 stale_edit with the current text in extra.current. A submitted comment "
            "keeps its tracking number; only a representative (or the resident) changes it."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentSubmitApi(CommentAction):
    error_statuses = (400, 401, 403, 404, 409)

    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        services.comment_submit(comment=obj, actor=self.request.user)

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Submit a draft: the answer is the receipt",
        description=(
            "A representative of the organisation, or the resident who wrote it, while the "
            "consultation is open. Honours Idempotency-Key. After the end: 409 "
            "consultation_closed with the time it closed and your text in extra.submitted."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentWithdrawApi(CommentAction):
    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        services.comment_withdraw(comment=obj, actor=self.request.user)

    @extend_schema(tags=COMMENT_TAGS, summary="Withdraw a submitted comment before the end")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentHideApi(CommentAction):
    input_serializer_class = ReasonInputSerializer

    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        services.comment_hide(comment=obj, actor=self.request.user, reason=data["reason"])

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Hide a comment, with a reason (officials running the consultation)",
        description=(
            "The comment stays in the record; the public sees that it was hidden and why, "
            "its authors still read it."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentUnhideApi(CommentAction):
    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        services.comment_unhide(comment=obj, actor=self.request.user)

    @extend_schema(tags=COMMENT_TAGS, summary="Show a hidden comment again")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentAnswerApi(CommentAction):
    input_serializer_class = AnswerInputSerializer

    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        services.answer_give(
            comment=obj,
            actor=self.request.user,
            disposition=data["disposition"],
            justification=data["justification"],
            expected_revision=data.get("revision"),
        )

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Answer a comment after the end (officials of the act's department)",
        description=(
            "To change an existing answer send its revision; without it, or with a stale "
            "one, the answer is 409 answer_conflict with the current answer in extra.current."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentAttachmentCreateApi(CommentAction):
    parser_classes = [MultiPartParser, FormParser]
    input_serializer_class = AttachmentInputSerializer
    output_serializer_class = CommentAttachmentOutputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: Comment, data: dict[str, Any]) -> Any:
        return services.comment_attachment_add(
            comment=obj, actor=self.request.user, uploaded_file=data["file"]
        )

    def reread(self, obj: Comment, result: Any) -> Any:
        return result  # the attachment as stored names all it shows

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Attach a file to a comment (multipart)",
        description=(
            "Until the end, up to the consultation's limit per comment. PDF, DOCX, ODT, "
            "PNG, JPEG or plain text, told by content; size limited."
        ),
        request={"multipart/form-data": AttachmentInputSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class BulkAnswerOutputSerializer(serializers.Serializer[Any]):
    answered = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("The ids of the comments answered.")
    )
    progress_answered = serializers.IntegerField()
    progress_total = serializers.IntegerField()


class AnswerBulkApi(ConsultationAction):
    detail = False
    input_serializer_class = BulkAnswerInputSerializer
    output_serializer_class = BulkAnswerOutputSerializer

    def perform(self, obj: Consultation, data: dict[str, Any]) -> list[Any]:
        wanted = set(data["comment_ids"])
        comments = list(
            selectors.comment_list_for(viewer=self.request.user, consultation=obj).filter(
                pk__in=wanted
            )
        )
        unknown = sorted(wanted - {comment.pk for comment in comments})
        if unknown:
            message = _("These comments are not in this consultation: %(ids)s.") % {
                "ids": ", ".join(str(pk) for pk in unknown)
            }
            raise InvalidInput(message, extra={"fields": {"comment_ids": [message]}})
        return services.answer_give_bulk(
            comments=comments,
            actor=self.request.user,
            disposition=data["disposition"],
            justification=data["justification"],
        )

    def reread(self, obj: Consultation, result: list[Any]) -> dict[str, Any]:
        progress = selectors.answer_progress(consultation=obj)
        return {
            "answered": sorted(answer.comment_id for answer in result),
            "progress_answered": progress.answered,
            "progress_total": progress.total,
        }

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Give one answer to several identical comments",
        description=(
            "All or nothing: every comment must belong to this consultation and have no "
            "answer yet (409 answer_conflict lists those that have)."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


# --- Report and summary -----------------------------------------------------------------


class ReportPublishApi(ConsultationAction):
    def perform(self, obj: Consultation, data: dict[str, Any]) -> None:
        services.report_publish(consultation=obj, actor=self.request.user)

    @extend_schema(
        tags=REPORT_TAGS,
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
        tags=REPORT_TAGS,
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
        tags=REPORT_TAGS,
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
        tags=REPORT_TAGS,
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
