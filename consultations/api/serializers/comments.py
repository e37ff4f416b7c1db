"""Comments and answers: their input (ids resolved within the consultation) and the
comment as the viewer may see it (``consultations.presenters`` decides, per row)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation, OrganisationStatus
from accounts.viewer import Viewer, as_viewer
from acts import selectors as act_selectors
from acts.models import Provision
from consultations import permissions
from consultations.models import Answer, Comment, CommentVersion, Disposition
from consultations.presenters import CommentFields, comment_fields_visible_to
from core.files import DownloadUrlField

MAX_TEXT_LENGTH = 20_000
MAX_BULK_COMMENTS = 500


# --- Comments: input --------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class _ProvisionField(serializers.PrimaryKeyRelatedField):
    """A provision of the consulted version (``consultation`` in the context)."""

    def get_queryset(self) -> Any:
        consultation = self.context.get("consultation")
        if consultation is None:
            return Provision.objects.none()
        return Provision.objects.filter(version_id=consultation.version_id)

    def to_internal_value(self, data: Any) -> Any:
        consultation = self.context.get("consultation")
        if consultation is None or type(data) is not int:
            return super().to_internal_value(data)
        provision = act_selectors.provision_in_version(version_id=consultation.version_id, pk=data)
        if provision is None:
            self.fail("does_not_exist", pk_value=data)
        return provision


@extend_schema_field(OpenApiTypes.INT)
class _OrganisationField(serializers.PrimaryKeyRelatedField):
    """An organisation, by id; whether the viewer may act for it (a member of it, and it
    verified), the service says, with a message that explains. The organisations the
    viewer is a member of are known already (their memberships were read for the
    permission checks), so those cost no query."""

    def get_queryset(self) -> Any:
        return Organisation.objects.only("id", "name", "status")

    def to_internal_value(self, data: Any) -> Any:
        request = self.context.get("request")
        names = permissions.member_organisation_names(getattr(request, "user", None))
        if type(data) is int and data in names:
            return Organisation.from_db(
                None, ["id", "name", "status"], [data, names[data], OrganisationStatus.VERIFIED]
            )
        return super().to_internal_value(data)


class CommentCreateInputSerializer(serializers.Serializer[Any]):
    organisation = _OrganisationField(
        required=False,
        allow_null=True,
        help_text=_("The organisation commenting; leave out to comment in your own name."),
    )
    provision = _ProvisionField(
        required=False,
        allow_null=True,
        help_text=_("The provision commented on; leave out for the act as a whole."),
    )
    proposed_wording = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=MAX_TEXT_LENGTH,
        help_text=_(
            "The wording you propose; leave out to comment only. One identical to the "
            "provision's current text is refused."
        ),
    )
    justification = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT_LENGTH
    )
    submit = serializers.BooleanField(
        default=False,
        help_text=_(
            "Submit at once (a representative, or a resident in their own name): the answer "
            "is the receipt. Send an Idempotency-Key header so that a retry submits nothing "
            "twice."
        ),
    )


class CommentUpdateInputSerializer(serializers.Serializer[Any]):
    revision = serializers.IntegerField(
        min_value=1, help_text=_("The revision you edited; a stale one is refused (409).")
    )
    provision = _ProvisionField(required=False, allow_null=True)
    proposed_wording = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=MAX_TEXT_LENGTH
    )
    justification = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT_LENGTH
    )


class AnswerInputSerializer(serializers.Serializer[Any]):
    disposition = serializers.ChoiceField(choices=Disposition.choices)
    justification = serializers.CharField(max_length=MAX_TEXT_LENGTH, allow_blank=True)
    revision = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The revision of the existing answer you change; leave out for a new one."),
    )


class BulkAnswerInputSerializer(serializers.Serializer[Any]):
    comment_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=MAX_BULK_COMMENTS,
        help_text=_("Comments of this consultation with the same content, not yet answered."),
    )
    disposition = serializers.ChoiceField(choices=Disposition.choices)
    justification = serializers.CharField(max_length=MAX_TEXT_LENGTH, allow_blank=True)


class BulkAnswerOutputSerializer(serializers.Serializer[Any]):
    answered = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("The ids of the comments answered.")
    )
    progress_answered = serializers.IntegerField()
    progress_total = serializers.IntegerField()


# --- Comments: output -------------------------------------------------------------------


class ProvisionBriefOutputSerializer(serializers.ModelSerializer[Provision]):
    class Meta:
        model = Provision
        fields = ["id", "label", "anchor"]


class OrganisationBriefOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AnswerOutputSerializer(serializers.ModelSerializer[Answer]):
    answered_by = serializers.CharField(source="answered_by.full_name")

    class Meta:
        model = Answer
        fields = ["disposition", "justification", "answered_by", "answered_at", "revision"]


class CommentAttachmentOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = DownloadUrlField()
    uploaded_at = serializers.DateTimeField()


class CommentOutputSerializer(serializers.ModelSerializer[Comment]):
    """One comment as the viewer may see it (``request`` and ``now`` in the context).

    Which fields the viewer reads is ``presenters.comment_fields_visible_to``'s decision,
    shared with the consultation pages: a hidden comment's text, the receipt (tracking
    number) and the names behind it stay with its authors and the officials, the answer
    with the officials, the receipt and the answer until the report is published. A
    resident is named to the public only as "a resident".
    """

    provision = ProvisionBriefOutputSerializer(allow_null=True)
    organisation = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    drafted_by = serializers.SerializerMethodField()
    is_hidden = serializers.BooleanField()
    content_visible = serializers.SerializerMethodField()
    proposed_wording = serializers.SerializerMethodField()
    justification = serializers.SerializerMethodField()
    tracking_number = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    consultation = serializers.IntegerField(source="consultation_id")

    class Meta:
        model = Comment
        fields = [
            "id",
            "consultation",
            "provision",
            "organisation",
            "author",
            "drafted_by",
            "status",
            "revision",
            "submitted_at",
            "version",
            "edited_at",
            "tracking_number",
            "withdrawn_at",
            "is_hidden",
            "hidden_at",
            "hidden_reason",
            "content_visible",
            "proposed_wording",
            "justification",
            "answer",
            "attachments",
            "created_at",
            "updated_at",
        ]

    def _viewer(self) -> Viewer:
        """The request's viewer, asked once for every row (the context is shared)."""
        viewer = self.context.get("viewer")
        if viewer is None:
            request = self.context.get("request")
            viewer = self.context["viewer"] = as_viewer(  # type: ignore[index]
                getattr(request, "user", None)
            )
        return viewer

    def _now(self) -> dt.datetime:
        now = self.context.get("now")
        if now is None:
            # One moment for every row of a list (the context is shared by the rows).
            now = self.context["now"] = timezone.now()  # type: ignore[index]
        return now

    def _fields(self, comment: Comment) -> CommentFields:
        """What the viewer may read of ``comment`` (``presenters``), decided once per row:
        the ``get_…`` methods of one row all ask."""
        memo = getattr(self, "_fields_memo", None)
        if memo is None or memo[0] is not comment:
            memo = (comment, comment_fields_visible_to(self._viewer(), comment, now=self._now()))
            self._fields_memo = memo
        return memo[1]

    def to_representation(self, instance: Comment) -> dict[str, Any]:
        """The declared fields, in their order, built directly: DRF's field-by-field
        machinery costs more than the query on a page of 500 comments. What the viewer may
        see is still decided by the ``get_…`` methods below (the schema's too), and a test
        holds this equal to the generic rendering."""
        comment = instance
        provision = comment.provision
        return {
            "id": comment.pk,
            "consultation": comment.consultation_id,
            "provision": (
                None
                if provision is None
                else {"id": provision.pk, "label": provision.label, "anchor": provision.anchor}
            ),
            "organisation": self.get_organisation(comment),
            "author": self.get_author(comment),
            "drafted_by": self.get_drafted_by(comment),
            "status": comment.status,
            "revision": comment.revision,
            "submitted_at": _moment(comment.submitted_at),
            "version": comment.version,
            "edited_at": _moment(comment.edited_at),
            "tracking_number": self.get_tracking_number(comment),
            "withdrawn_at": _moment(comment.withdrawn_at),
            "is_hidden": comment.is_hidden,
            "hidden_at": _moment(comment.hidden_at),
            "hidden_reason": comment.hidden_reason,
            "content_visible": self.get_content_visible(comment),
            "proposed_wording": self.get_proposed_wording(comment),
            "justification": self.get_justification(comment),
            "answer": self.get_answer(comment),
            # Most comments have none: no list serializer built for nothing.
            "attachments": self.get_attachments(comment) if comment.attachments.all() else [],
            "created_at": _moment(comment.created_at),
            "updated_at": _moment(comment.updated_at),
        }

    @extend_schema_field(OrganisationBriefOutputSerializer(allow_null=True))
    def get_organisation(self, comment: Comment) -> dict[str, Any] | None:
        """Named as it was when the comment was submitted (``Comment.organisation_label``)."""
        if comment.organisation_id is None:
            return None
        return {"id": comment.organisation_id, "name": comment.organisation_label}

    @extend_schema_field(serializers.CharField())
    def get_author(self, comment: Comment) -> str:
        if comment.organisation is not None:
            return comment.organisation_label
        if comment.council_submission is not None:
            return comment.council_submission.council_name
        if self._fields(comment).author_name:
            return comment.author.full_name
        return str(_("A resident"))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_drafted_by(self, comment: Comment) -> str | None:
        return comment.author.full_name if self._fields(comment).author_name else None

    def get_content_visible(self, comment: Comment) -> bool:
        return self._fields(comment).content

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_proposed_wording(self, comment: Comment) -> str | None:
        return comment.proposed_wording if self._fields(comment).content else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_justification(self, comment: Comment) -> str | None:
        return comment.justification if self._fields(comment).content else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_tracking_number(self, comment: Comment) -> str | None:
        return comment.tracking_number if self._fields(comment).tracking_number else None

    @extend_schema_field(AnswerOutputSerializer(allow_null=True))
    def get_answer(self, comment: Comment) -> dict[str, Any] | None:
        if not self._fields(comment).answer:
            return None
        answer = getattr(comment, "answer", None)
        if answer is None:
            return None
        return AnswerOutputSerializer(answer).data

    @extend_schema_field(CommentAttachmentOutputSerializer(many=True))
    def get_attachments(self, comment: Comment) -> list[Any]:
        if not self._fields(comment).content:
            return []
        return CommentAttachmentOutputSerializer(  # type: ignore[return-value]
            comment.attachments.all(), many=True, context=self.context
        ).data


class CommentVersionOutputSerializer(serializers.ModelSerializer[CommentVersion]):
    """One submitted wording of a comment (``comment_versions_for``): its number, when it
    was stored, its provision and text. Who stored it is named to those who read the names
    behind the comment (``presenters``); ``comment_fields`` in the context."""

    provision = ProvisionBriefOutputSerializer(allow_null=True)
    edited_by = serializers.SerializerMethodField()

    class Meta:
        model = CommentVersion
        fields = [
            "number",
            "created_at",
            "provision",
            "proposed_wording",
            "justification",
            "edited_by",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_edited_by(self, version: CommentVersion) -> str | None:
        fields: CommentFields | None = self.context.get("comment_fields")
        if fields is None or not fields.author_name or version.edited_by is None:
            return None
        return version.edited_by.full_name


_MOMENT_FIELD = serializers.DateTimeField()


def _moment(value: dt.datetime | None) -> str | None:
    """A moment as every DRF ``DateTimeField`` renders it (ISO 8601, local time)."""
    return None if value is None else _MOMENT_FIELD.to_representation(value)
