"""Consultations: the moment field (a date or a moment, Warsaw time), the input of a
consultation, its extension, meetings and attachments, and their output."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import DepartmentOutputSerializer
from acts import selectors as act_selectors
from acts.api.serializers import TopicOutputSerializer
from acts.models import LegalAct, Provision
from consultations.models import (
    Audience,
    CommentVisibility,
    Consultation,
    ConsultationAttachment,
    ConsultationExtension,
    ConsultationPhase,
    Meeting,
)
from core.files import DownloadUrlField

# --- Fields -----------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.DATETIME)
class MomentField(serializers.Field):
    """A moment (ISO 8601) or a date: as a start a date means midnight, as an end 23:59:59,
    in Warsaw (the services read it so)."""

    default_error_messages = {
        "invalid": _("Give a date (YYYY-MM-DD) or a date and time (ISO 8601)."),
        "out_of_range": _("Give a date between the years 1900 and 2999."),
    }
    # Far outside this range a moment in Warsaw has no UTC equivalent (an overflow).
    years = range(1900, 3000)

    def to_internal_value(self, data: Any) -> dt.date | dt.datetime:
        value = self._parse(data)
        if value.year not in self.years:
            self.fail("out_of_range")
        return value

    def _parse(self, data: Any) -> dt.date | dt.datetime:
        if isinstance(data, str) and len(data.strip()) == len("YYYY-MM-DD"):
            try:
                return dt.date.fromisoformat(data.strip())
            except ValueError:
                self.fail("invalid")
        try:
            return serializers.DateTimeField().run_validation(data)
        except OverflowError:
            self.fail("out_of_range")

    def to_representation(self, value: Any) -> Any:
        return serializers.DateTimeField().to_representation(value)


# --- Consultations: input ---------------------------------------------------------------


class ConsultationInputSerializer(serializers.Serializer[Any]):
    act = serializers.IntegerField(help_text=_("The id of the legal act."))
    version = serializers.IntegerField(
        min_value=1, help_text=_("The number of the act's published version to consult on.")
    )
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    starts_at = MomentField(help_text=_("A moment, or a date (from midnight, Warsaw time)."))
    ends_at = MomentField(help_text=_("A moment, or a date (until 23:59:59, Warsaw time)."))
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    comment_visibility = serializers.ChoiceField(choices=CommentVisibility.choices, required=False)
    justification_required = serializers.BooleanField(required=False)
    max_attachments = serializers.IntegerField(min_value=0, max_value=10, required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if "act" in data or "version" in data:
            if not ("act" in data and "version" in data):
                raise serializers.ValidationError(_("Give both the act and the version number."))
            try:
                data["version"] = act_selectors.version_get_for(
                    viewer=self.context["request"].user,
                    act_pk=data.pop("act"),
                    number=data["version"],
                )
            except Http404:
                raise serializers.ValidationError(
                    {"version": [_("No such version of this act.")]}
                ) from None
        return data


class ConsultationExtendInputSerializer(serializers.Serializer[Any]):
    ends_at = MomentField(help_text=_("The new end: a moment, or a date (until 23:59:59)."))
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class ReasonInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class MeetingInputSerializer(serializers.Serializer[Any]):
    starts_at = MomentField()
    place = serializers.CharField(max_length=300)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class AttachmentInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(
        help_text=_("A PDF, DOCX, ODT, PNG, JPEG or plain text file; the type is checked.")
    )


# --- Consultations: output --------------------------------------------------------------


class ConsultationActOutputSerializer(serializers.ModelSerializer[LegalAct]):
    department = DepartmentOutputSerializer()
    topics = TopicOutputSerializer(many=True)

    class Meta:
        model = LegalAct
        fields = [
            "id",
            "title",
            "subject",
            "act_type",
            "issuing_authority",
            "legal_basis",
            "department",
            "topics",
        ]


class MeetingOutputSerializer(serializers.ModelSerializer[Meeting]):
    class Meta:
        model = Meeting
        fields = ["id", "starts_at", "place", "notes"]


class ConsultationAttachmentOutputSerializer(serializers.ModelSerializer[ConsultationAttachment]):
    url = DownloadUrlField()

    class Meta:
        model = ConsultationAttachment
        fields = ["id", "name", "content_type", "size", "url", "uploaded_at"]


class ExtensionOutputSerializer(serializers.ModelSerializer[ConsultationExtension]):
    class Meta:
        model = ConsultationExtension
        fields = ["previous_ends_at", "new_ends_at", "reason", "extended_at"]


class ConsultationListOutputSerializer(serializers.ModelSerializer[Consultation]):
    """Expects ``consultation_list``'s related objects and annotations."""

    act = ConsultationActOutputSerializer(source="version.act")
    version = serializers.IntegerField(source="version.number")
    phase = serializers.SerializerMethodField()
    comment_count = serializers.IntegerField(help_text=_("Submitted comments."))
    answerable_count = serializers.IntegerField(
        help_text=_("Submitted comments that are not hidden: each needs an answer.")
    )
    answered_count = serializers.IntegerField(
        help_text=_("Submitted comments, not hidden, that have an answer.")
    )

    class Meta:
        model = Consultation
        fields = [
            "id",
            "title",
            "phase",
            "status",
            "act",
            "version",
            "starts_at",
            "ends_at",
            "audience",
            "comment_visibility",
            "comment_count",
            "answerable_count",
            "answered_count",
            "cancellation_reason",
            "report_published_at",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=ConsultationPhase.choices))
    def get_phase(self, consultation: Consultation) -> str:
        return consultation.phase_at(self.context.get("now") or timezone.now())


class ConsultationDetailOutputSerializer(ConsultationListOutputSerializer):
    meetings = MeetingOutputSerializer(many=True)
    attachments = ConsultationAttachmentOutputSerializer(many=True)
    extensions = ExtensionOutputSerializer(many=True)

    class Meta(ConsultationListOutputSerializer.Meta):
        fields = [
            *ConsultationListOutputSerializer.Meta.fields,
            "description",
            "justification_required",
            "max_attachments",
            "meetings",
            "attachments",
            "extensions",
        ]


class ConsultationProvisionOutputSerializer(serializers.ModelSerializer[Provision]):
    """Expects ``consultation_provisions_with_counts``'s annotations."""

    parent = serializers.IntegerField(  # type: ignore[assignment]
        source="parent_id", allow_null=True
    )
    parent_label = serializers.CharField(allow_null=True)
    comment_count = serializers.IntegerField(help_text=_("The comments on it you may see."))

    class Meta:
        model = Provision
        fields = [
            "id",
            "parent",
            "parent_label",
            "kind",
            "label",
            "anchor",
            "number",
            "text",
            "order",
            "depth",
            "comment_count",
        ]
