"""The consultations REST API: consultations, their provisions with comment counts,
comments, answers, the report as open data and the outcome summary.

Each handler validates its input, calls one selector or service and serializes the result.
Objects are loaded through selectors, so one the viewer may not see is a 404; services
check who may act and the clock, and raise domain errors that ``core.api`` renders as
``{"message", "code", "extra"}``. Submitting honours ``Idempotency-Key``: a retry gets the
same receipt and changes nothing.
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
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

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
from core.exceptions import InvalidInput
from core.idempotency import idempotent

TAGS = ["consultations"]
COMMENT_TAGS = ["comments"]
REPORT_TAGS = ["consultation reports"]


def _context(request: Request, **extra: Any) -> dict[str, Any]:
    return {"request": request, "now": timezone.now(), **extra}


def _consultation(request: Request, pk: Any, *, detail: bool = True) -> Consultation:
    return selectors.consultation_get_for(viewer=request.user, pk=pk, detail=detail)


def _consultation_response(request: Request, consultation: Consultation, **kwargs: Any) -> Response:
    # Read back through the selector: the answer carries what a plain GET carries.
    consultation = _consultation(request, consultation.pk)
    return Response(
        ConsultationDetailOutputSerializer(consultation, context=_context(request)).data, **kwargs
    )


def _comment_response(request: Request, comment: Comment, **kwargs: Any) -> Response:
    comment = selectors.comment_get_for(viewer=request.user, pk=comment.pk)
    return Response(CommentOutputSerializer(comment, context=_context(request)).data, **kwargs)


class ReadPublicWriteManagers(APIView):
    """GET for anyone (the selectors decide what they see); changes for those who run the
    consultation."""

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanManageConsultation()]


# --- Consultations ----------------------------------------------------------------------


class ConsultationListApi(generics.ListAPIView[Consultation]):
    serializer_class = ConsultationListOutputSerializer
    filterset_class = ConsultationFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["starts_at", "ends_at", "title", "created_at"]

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Consultation]:
        return selectors.consultation_list(viewer=self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

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
        request=ConsultationInputSerializer,
        responses={201: ConsultationDetailOutputSerializer, **error_responses(400, 401, 403)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        serializer = ConsultationInputSerializer(data=request.data, context=_context(request))
        serializer.is_valid(raise_exception=True)
        consultation = services.consultation_create(actor=request.user, **serializer.validated_data)
        return _consultation_response(request, consultation, status=status.HTTP_201_CREATED)


class ConsultationDetailApi(ReadPublicWriteManagers):
    @extend_schema(
        tags=TAGS,
        summary="One consultation, with its meetings, attachments and extensions",
        responses={200: ConsultationDetailOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        return Response(
            ConsultationDetailOutputSerializer(consultation, context=_context(request)).data
        )

    @extend_schema(
        tags=TAGS,
        summary="Change a consultation",
        description=(
            "A draft: anything. Scheduled, before its start: anything but the version. "
            "Open: the description only (extend the end with /extend/). Then nothing."
        ),
        request=ConsultationInputSerializer,
        responses={
            200: ConsultationDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        self.check_object_permissions(request, consultation)
        serializer = ConsultationInputSerializer(
            data=request.data, partial=True, context=_context(request)
        )
        serializer.is_valid(raise_exception=True)
        services.consultation_update(
            consultation=consultation, actor=request.user, **serializer.validated_data
        )
        return _consultation_response(request, consultation)


class ConsultationScheduleApi(APIView):
    permission_classes = [IsAuthenticated, CanManageConsultation]

    @extend_schema(
        tags=TAGS,
        summary="Schedule a draft consultation: it is published and opens at its start",
        description=(
            "Refused when the period is shorter than the minimum for the act's type "
            "(duration_too_short, with the earliest allowed end) or the end has passed."
        ),
        request=None,
        responses={
            200: ConsultationDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        self.check_object_permissions(request, consultation)
        services.consultation_schedule(consultation=consultation, actor=request.user)
        return _consultation_response(request, consultation)


class ConsultationExtendApi(APIView):
    permission_classes = [IsAuthenticated, CanManageConsultation]

    @extend_schema(
        tags=TAGS,
        summary="Extend an open consultation: a later end, with a reason",
        request=ConsultationExtendInputSerializer,
        responses={
            200: ConsultationDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        self.check_object_permissions(request, consultation)
        serializer = ConsultationExtendInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.consultation_extend(
            consultation=consultation, actor=request.user, **serializer.validated_data
        )
        return _consultation_response(request, consultation)


class ConsultationCancelApi(APIView):
    permission_classes = [IsAuthenticated, CanManageConsultation]

    @extend_schema(
        tags=TAGS,
        summary="Cancel a consultation before it closes, with a reason",
        request=ReasonInputSerializer,
        responses={
            200: ConsultationDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        self.check_object_permissions(request, consultation)
        serializer = ReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.consultation_cancel(
            consultation=consultation,
            actor=request.user,
            reason=serializer.validated_data["reason"],
        )
        return _consultation_response(request, consultation)


class MeetingCreateApi(APIView):
    permission_classes = [IsAuthenticated, CanManageConsultation]

    @extend_schema(
        tags=TAGS,
        summary="Add a consultation meeting (date, place, notes)",
        request=MeetingInputSerializer,
        responses={201: MeetingOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        self.check_object_permissions(request, consultation)
        serializer = MeetingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_add(
            consultation=consultation, actor=request.user, **serializer.validated_data
        )
        return Response(MeetingOutputSerializer(meeting).data, status=status.HTTP_201_CREATED)


class ConsultationAttachmentCreateApi(APIView):
    permission_classes = [IsAuthenticated, CanManageConsultation]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=TAGS,
        summary="Attach a document to a consultation (multipart)",
        description="PDF, DOCX, ODT, PNG, JPEG or plain text, told by content; size limited.",
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={
            201: ConsultationAttachmentOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        self.check_object_permissions(request, consultation)
        serializer = AttachmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.consultation_attachment_add(
            consultation=consultation,
            actor=request.user,
            uploaded_file=serializer.validated_data["file"],
        )
        return Response(
            ConsultationAttachmentOutputSerializer(attachment, context=_context(request)).data,
            status=status.HTTP_201_CREATED,
        )


class ConsultationProvisionListApi(generics.ListAPIView[Provision]):
    permission_classes = [AllowAny]
    serializer_class = ConsultationProvisionOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Provision]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no object
            return Provision.objects.none()
        consultation = _consultation(self.request, self.kwargs["pk"], detail=False)
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


class CommentListApi(generics.ListAPIView[Comment]):
    serializer_class = CommentOutputSerializer
    filterset_class = CommentFilter
    filter_backends = [DjangoFilterBackend]

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Comment]:
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        consultation = selectors.consultation_for_comments(
            viewer=self.request.user, pk=self.kwargs["pk"]
        )
        return selectors.comment_list_for(viewer=self.request.user, consultation=consultation)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

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
        request=CommentCreateInputSerializer,
        responses={201: CommentOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        consultation = selectors.consultation_for_comments(viewer=request.user, pk=pk)
        serializer = CommentCreateInputSerializer(
            data=request.data, context=_context(request, consultation=consultation)
        )
        serializer.is_valid(raise_exception=True)
        comment = services.comment_create(
            consultation=consultation, actor=request.user, **serializer.validated_data
        )
        # What the service returns is complete: no need to read it back.
        return Response(
            CommentOutputSerializer(
                selectors.comment_just_created(comment), context=_context(request)
            ).data,
            status=status.HTTP_201_CREATED,
        )


class CommentDetailApi(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="One comment",
        responses={200: CommentOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        return Response(CommentOutputSerializer(comment, context=_context(request)).data)

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Change a comment until the end",
        description=(
            "Send the revision you edited. If someone changed the comment since, the answer "
            "is 409 stale_edit with the current text in extra.current. A submitted comment "
            "keeps its tracking number; only a representative (or the resident) changes it."
        ),
        request=CommentUpdateInputSerializer,
        responses={200: CommentOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        serializer = CommentUpdateInputSerializer(
            data=request.data, context=_context(request, consultation=comment.consultation)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        revision = data.pop("revision")
        services.comment_update(
            comment=comment, actor=request.user, expected_revision=revision, **data
        )
        return _comment_response(request, comment)


class CommentSubmitApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Submit a draft: the answer is the receipt",
        description=(
            "A representative of the organisation, or the resident who wrote it, while the "
            "consultation is open. Honours Idempotency-Key. After the end: 409 "
            "consultation_closed with the time it closed and your text in extra.submitted."
        ),
        request=None,
        responses={200: CommentOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        services.comment_submit(comment=comment, actor=request.user)
        return _comment_response(request, comment)


class CommentWithdrawApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Withdraw a submitted comment before the end",
        request=None,
        responses={200: CommentOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        services.comment_withdraw(comment=comment, actor=request.user)
        return _comment_response(request, comment)


class CommentHideApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Hide a comment, with a reason (officials running the consultation)",
        description=(
            "The comment stays in the record; the public sees that it was hidden and why, "
            "its authors still read it."
        ),
        request=ReasonInputSerializer,
        responses={200: CommentOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        serializer = ReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.comment_hide(
            comment=comment, actor=request.user, reason=serializer.validated_data["reason"]
        )
        return _comment_response(request, comment)


class CommentUnhideApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Show a hidden comment again",
        request=None,
        responses={200: CommentOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        services.comment_unhide(comment=comment, actor=request.user)
        return _comment_response(request, comment)


class CommentAnswerApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Answer a comment after the end (officials of the act's department)",
        description=(
            "To change an existing answer send its revision; without it, or with a stale "
            "one, the answer is 409 answer_conflict with the current answer in extra.current."
        ),
        request=AnswerInputSerializer,
        responses={200: CommentOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        serializer = AnswerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.answer_give(
            comment=comment,
            actor=request.user,
            disposition=data["disposition"],
            justification=data["justification"],
            expected_revision=data.get("revision"),
        )
        return _comment_response(request, comment)


class CommentAttachmentCreateApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Attach a file to a comment (multipart)",
        description=(
            "Until the end, up to the consultation's limit per comment. PDF, DOCX, ODT, "
            "PNG, JPEG or plain text, told by content; size limited."
        ),
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={
            201: CommentAttachmentOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get_for(viewer=request.user, pk=pk)
        serializer = AttachmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.comment_attachment_add(
            comment=comment, actor=request.user, uploaded_file=serializer.validated_data["file"]
        )
        return Response(
            CommentAttachmentOutputSerializer(attachment, context=_context(request)).data,
            status=status.HTTP_201_CREATED,
        )


class BulkAnswerOutputSerializer(serializers.Serializer[Any]):
    answered = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("The ids of the comments answered.")
    )
    progress_answered = serializers.IntegerField()
    progress_total = serializers.IntegerField()


class AnswerBulkApi(APIView):
    permission_classes = [IsAuthenticated, CanManageConsultation]

    @extend_schema(
        tags=COMMENT_TAGS,
        summary="Give one answer to several identical comments",
        description=(
            "All or nothing: every comment must belong to this consultation and have no "
            "answer yet (409 answer_conflict lists those that have)."
        ),
        request=BulkAnswerInputSerializer,
        responses={
            200: BulkAnswerOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk, detail=False)
        self.check_object_permissions(request, consultation)
        serializer = BulkAnswerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        wanted = set(data["comment_ids"])
        comments = list(
            selectors.comment_list_for(viewer=request.user, consultation=consultation).filter(
                pk__in=wanted
            )
        )
        unknown = sorted(wanted - {comment.pk for comment in comments})
        if unknown:
            message = _("These comments are not in this consultation: %(ids)s.") % {
                "ids": ", ".join(str(pk) for pk in unknown)
            }
            raise InvalidInput(message, extra={"fields": {"comment_ids": [message]}})
        answers = services.answer_give_bulk(
            comments=comments,
            actor=request.user,
            disposition=data["disposition"],
            justification=data["justification"],
        )
        progress = selectors.answer_progress(consultation=consultation)
        return Response(
            BulkAnswerOutputSerializer(
                {
                    "answered": sorted(answer.comment_id for answer in answers),
                    "progress_answered": progress.answered,
                    "progress_total": progress.total,
                }
            ).data
        )


# --- Report and summary -----------------------------------------------------------------


class ReportPublishApi(APIView):
    permission_classes = [IsAuthenticated, CanManageConsultation]

    @extend_schema(
        tags=REPORT_TAGS,
        summary="Publish the consultation report",
        description=(
            "After the end, once every submitted comment that is not hidden has an answer "
            "(otherwise 409 report_incomplete with extra.unanswered). Answers are final "
            "from then on."
        ),
        request=None,
        responses={
            200: ConsultationDetailOutputSerializer,
            **error_responses(401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        self.check_object_permissions(request, consultation)
        services.report_publish(consultation=consultation, actor=request.user)
        return _consultation_response(request, consultation)


def _report_consultation(request: Request, pk: Any) -> Consultation:
    consultation = _consultation(request, pk, detail=False)
    if not permissions.can_view_report(request.user, consultation):
        raise Http404
    return consultation


class ReportJsonApi(APIView):
    permission_classes = [AllowAny]

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
        consultation = _report_consultation(request, pk)
        return Response(report_json(report_data(consultation=consultation)))


class ReportCsvApi(APIView):
    permission_classes = [AllowAny]

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
        consultation = _report_consultation(request, pk)
        response = HttpResponse(
            report_csv(report_data(consultation=consultation)).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="consultation-{consultation.pk}-report.csv"'
        )
        return response


class SummaryApi(APIView):
    permission_classes = [AllowAny]

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
        consultation = _report_consultation(request, pk)
        summary = selectors.consultation_outcome_summary(consultation=consultation)
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
