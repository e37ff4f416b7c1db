"""Comments: the list and a new comment (the submission hot path), one comment and its
changes, submitting, withdrawing, moderation, answers (one or several) and attachments."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from consultations import selectors, services
from consultations.api.filters import CommentFilter
from consultations.api.serializers import (
    AnswerInputSerializer,
    BulkAnswerInputSerializer,
    BulkAnswerOutputSerializer,
    CommentAttachmentOutputSerializer,
    CommentCreateInputSerializer,
    CommentOutputSerializer,
    CommentUpdateInputSerializer,
    CommentVersionOutputSerializer,
    ReasonInputSerializer,
)
from consultations.api.views.base import (
    AttachmentUpload,
    CommentAction,
    ConsultationAction,
    context,
)
from consultations.models import Comment, Consultation
from consultations.presenters import comment_fields_visible_to
from core.api import error_responses
from core.api_base import ActionApi
from core.exceptions import InvalidInput

TAGS = ["comments"]


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
        tags=TAGS,
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
        tags=TAGS,
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

    @extend_schema(tags=TAGS, summary="One comment")
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        tags=TAGS,
        summary="Change a comment until the end",
        description=(
            "Send the revision you edited. If someone changed the comment since, the answer "
            "is 409 stale_edit with the current text in extra.current. A submitted comment "
            "keeps its tracking number; only a representative (or the resident) changes it."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()

    @extend_schema(
        tags=TAGS,
        summary="Delete a draft (its author, or a representative of its organisation)",
        description=(
            "Only a draft, with its attachments. A submitted comment stays in the record: "
            "withdraw it instead (409)."
        ),
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.comment_delete(comment=self.load_and_check(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentVersionListApi(CommentAction):
    output_serializer_class = CommentVersionOutputSerializer
    output_many = True

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return {**context(self.request), "comment_fields": self.comment_fields}

    @extend_schema(
        tags=TAGS,
        summary="The submitted versions of a comment, oldest first",
        description=(
            "Version 1 is the wording submitted; each change before the end adds the next, "
            "with the time it was stored (the comment's own version and edited_at name the "
            "current one). A draft has none. Whoever may not read the comment's text (a "
            "hidden comment, for the public) may not read its versions: 403."
        ),
        responses={200: CommentVersionOutputSerializer(many=True), **error_responses(403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        comment = self.load()
        versions = selectors.comment_versions_for(viewer=request.user, comment=comment)
        self.comment_fields = comment_fields_visible_to(request.user, comment, now=timezone.now())
        return Response(self.serialize(versions))


class CommentSubmitApi(CommentAction):
    error_statuses = (400, 401, 403, 404, 409)

    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        services.comment_submit(comment=obj, actor=self.request.user)

    @extend_schema(
        tags=TAGS,
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

    @extend_schema(tags=TAGS, summary="Withdraw a submitted comment before the end")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentHideApi(CommentAction):
    input_serializer_class = ReasonInputSerializer

    def perform(self, obj: Comment, data: dict[str, Any]) -> None:
        services.comment_hide(comment=obj, actor=self.request.user, reason=data["reason"])

    @extend_schema(
        tags=TAGS,
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

    @extend_schema(tags=TAGS, summary="Show a hidden comment again")
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
        tags=TAGS,
        summary="Answer a comment after the end (officials of the act's department)",
        description=(
            "To change an existing answer send its revision; without it, or with a stale "
            "one, the answer is 409 answer_conflict with the current answer in extra.current."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class CommentAttachmentCreateApi(AttachmentUpload, CommentAction):
    output_serializer_class = CommentAttachmentOutputSerializer

    def perform(self, obj: Comment, data: dict[str, Any]) -> Any:
        return services.comment_attachment_add(
            comment=obj, actor=self.request.user, uploaded_file=data["file"]
        )

    @extend_schema(
        tags=TAGS,
        summary="Attach a file to a comment (multipart)",
        description=(
            "Until the end, up to the consultation's limit per comment. PDF, DOCX, ODT, "
            "PNG, JPEG or plain text, told by content; size limited."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


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
        tags=TAGS,
        summary="Give one answer to several identical comments",
        description=(
            "All or nothing: every comment must belong to this consultation and have no "
            "answer yet (409 answer_conflict lists those that have)."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
