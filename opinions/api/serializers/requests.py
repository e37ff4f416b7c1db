"""Requests of NGOs to the council, with their attachments."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation
from core.files import DownloadUrlField
from opinions.api.serializers.shared import OrganisationRefOutputSerializer, PersonOutputSerializer
from opinions.models import CouncilRequest, CouncilRequestAttachment, RequestKind
from opinions.request_progress import Step

# --- Input ------------------------------------------------------------------------------


class RequestInputSerializer(serializers.Serializer[Any]):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text=_("Your organisation's id.")
    )
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    subject = serializers.CharField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=5, allow_empty=True
    )


class RequestDeclineInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(help_text=_("Why the request is declined; the NGO reads it."))


# --- Output -----------------------------------------------------------------------------


class AttachmentOutputSerializer(serializers.ModelSerializer[CouncilRequestAttachment]):
    url = DownloadUrlField()

    class Meta:
        model = CouncilRequestAttachment
        fields = ["id", "name", "content_type", "size", "url", "uploaded_at"]


class RequestPositionOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()


class RequestOutputSerializer(serializers.ModelSerializer[CouncilRequest]):
    """Expects ``selectors.request_list``."""

    organisation = OrganisationRefOutputSerializer()
    requested_by = PersonOutputSerializer()
    attachments = AttachmentOutputSerializer(many=True)
    position = serializers.SerializerMethodField()

    class Meta:
        model = CouncilRequest
        fields = [
            "id",
            "term",
            "organisation",
            "requested_by",
            "kind",
            "subject",
            "description",
            "status",
            "created_at",
            "decided_at",
            "decline_reason",
            "attachments",
            "position",
        ]

    @extend_schema_field(RequestPositionOutputSerializer(allow_null=True))
    def get_position(self, request: CouncilRequest) -> dict[str, Any] | None:
        position = getattr(request, "position", None)
        if position is None:
            return None
        return {"id": position.pk, "title": position.title, "status": position.status}


class RequestStepOutputSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(
        choices=list(Step.ALL),
        help_text=_("What the step is."),
    )
    text = serializers.CharField(help_text=_("The step as the request's page tells it."))
    at = serializers.DateTimeField(allow_null=True)
    by = serializers.CharField(help_text=_("Who took the step, when known."))
    note = serializers.CharField(help_text=_("A reason or a result, when there is one."))
    current = serializers.BooleanField(help_text=_("The step still under way."))


class RequestDetailOutputSerializer(RequestOutputSerializer):
    """A request with its progress (``selectors.request_progress_for``, in the context)."""

    progress = serializers.SerializerMethodField()

    class Meta(RequestOutputSerializer.Meta):
        fields = [*RequestOutputSerializer.Meta.fields, "progress"]

    @extend_schema_field(RequestStepOutputSerializer(many=True))
    def get_progress(self, request: CouncilRequest) -> Any:
        return RequestStepOutputSerializer(self.context["progress"], many=True).data
