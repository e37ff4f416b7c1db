"""Positions and their items: the items' sources, notes and history, and the comment picker."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation
from accounts.viewer import as_viewer
from opinions.api.serializers.amendments import AmendmentOutputSerializer
from opinions.api.serializers.shared import (
    OrganisationRefOutputSerializer,
    PersonOutputSerializer,
    ProvisionRefOutputSerializer,
    ReferenceOutputSerializer,
)
from opinions.api.serializers.votes import VoteSummaryOutputSerializer
from opinions.models import (
    ItemNote,
    Position,
    PositionItem,
    PositionItemRevision,
    PositionItemSource,
    PositionKind,
)
from opinions.presenters import item_text_visible_to

# --- Input ------------------------------------------------------------------------------


class PositionCreateInputSerializer(serializers.Serializer[Any]):
    term = serializers.IntegerField(
        required=False, help_text=_("The term's id; by default the current term.")
    )
    kind = serializers.ChoiceField(choices=PositionKind.choices)
    subject = serializers.CharField(max_length=500)
    consultation = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("For an opinion on a consultation: its id.")
    )
    subject_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The organisation the position concerns; its member does not vote."),
    )
    justification = serializers.CharField(required=False, allow_blank=True)


class PositionUpdateInputSerializer(serializers.Serializer[Any]):
    expected_revision = serializers.IntegerField(
        min_value=1, help_text=_("The revision you edited; a stale one is refused with 409.")
    )
    subject = serializers.CharField(max_length=500, required=False)
    justification = serializers.CharField(required=False, allow_blank=True)
    subject_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )


class WithdrawInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True)


class ItemAddInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    provision = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("The id of a provision of the consulted act version."),
    )


class ItemsFromCommentsInputSerializer(serializers.Serializer[Any]):
    comments = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=200)
    merge = serializers.BooleanField(
        default=False, help_text=_("One item joining all the comments instead of one each.")
    )


class ItemUpdateInputSerializer(serializers.Serializer[Any]):
    expected_revision = serializers.IntegerField(
        min_value=1, help_text=_("The revision you edited; a stale one is refused with 409.")
    )
    text = serializers.CharField()


class ItemMoveInputSerializer(serializers.Serializer[Any]):
    order = serializers.IntegerField(min_value=1, help_text=_("The new number (1 is first)."))


class TextInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=5000)


# --- Output -----------------------------------------------------------------------------


class ItemSourceOutputSerializer(serializers.ModelSerializer[PositionItemSource]):
    comment = serializers.IntegerField(source="comment_id")
    tracking_number = serializers.CharField(source="comment.tracking_number", allow_null=True)
    organisation = serializers.SerializerMethodField()
    provision = serializers.SerializerMethodField()
    comment_version = serializers.IntegerField(
        allow_null=True,
        help_text=_("The comment's version the council cited (its versions endpoint)."),
    )
    changed_since_cited = serializers.BooleanField(
        help_text=_("The comment was changed after the council cited it.")
    )

    class Meta:
        model = PositionItemSource
        fields = [
            "comment",
            "tracking_number",
            "organisation",
            "provision",
            "comment_version",
            "changed_since_cited",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organisation(self, source: PositionItemSource) -> str | None:
        comment = source.comment
        return comment.organisation_label if comment.organisation is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_provision(self, source: PositionItemSource) -> str | None:
        provision = source.comment.provision
        return provision.label if provision is not None else None


class NoteOutputSerializer(serializers.ModelSerializer[ItemNote]):
    author = PersonOutputSerializer()

    class Meta:
        model = ItemNote
        fields = ["id", "author", "text", "created_at"]


class ItemOutputSerializer(serializers.ModelSerializer[PositionItem]):
    """Expects ``selectors.position_get_for``'s prefetches."""

    provision = ProvisionRefOutputSerializer(allow_null=True)
    sources = ItemSourceOutputSerializer(many=True)
    amendments = AmendmentOutputSerializer(many=True)
    notes = NoteOutputSerializer(many=True)
    text = serializers.SerializerMethodField(help_text=_("Empty when withheld (text_withheld)."))
    text_withheld = serializers.SerializerMethodField(
        help_text=_(
            "True when the item quotes a comment hidden by the consultation's organiser "
            "that the viewer may not read: its text is not shown."
        )
    )

    class Meta:
        model = PositionItem
        fields = [
            "id",
            "position",
            "order",
            "text",
            "text_withheld",
            "revision",
            "provision",
            "sources",
            "amendments",
            "notes",
            "updated_at",
        ]

    def _withheld(self, item: PositionItem) -> bool:
        request = self.context.get("request")
        viewer = as_viewer(getattr(request, "user", None))
        return not item_text_visible_to(viewer, item, status=item.position.status)

    def get_text(self, item: PositionItem) -> str:
        return "" if self._withheld(item) else item.text

    def get_text_withheld(self, item: PositionItem) -> bool:
        return self._withheld(item)


class ItemRevisionOutputSerializer(serializers.ModelSerializer[PositionItemRevision]):
    changed_by = PersonOutputSerializer(allow_null=True)

    class Meta:
        model = PositionItemRevision
        fields = ["revision", "text", "changed_by", "changed_at", "amendment"]


class PositionListOutputSerializer(serializers.ModelSerializer[Position]):
    """Expects ``selectors.position_list`` (related objects and ``item_count``)."""

    title = serializers.CharField()
    number_label = serializers.CharField()
    consultation = serializers.SerializerMethodField()
    subject_organisation = OrganisationRefOutputSerializer(allow_null=True)
    drafter = PersonOutputSerializer(allow_null=True)
    item_count = serializers.IntegerField(required=False)

    class Meta:
        model = Position
        fields = [
            "id",
            "title",
            "number_label",
            "kind",
            "status",
            "subject",
            "term",
            "consultation",
            "subject_organisation",
            "request",
            "drafter",
            "item_count",
            "revision",
            "adopted_at",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(ReferenceOutputSerializer(allow_null=True))
    def get_consultation(self, position: Position) -> dict[str, Any] | None:
        consultation = position.consultation
        if consultation is None:
            return None
        return {"id": consultation.pk, "title": consultation.title}


class PositionDetailOutputSerializer(PositionListOutputSerializer):
    """Expects ``selectors.position_get_for``."""

    items = ItemOutputSerializer(many=True)
    votes = VoteSummaryOutputSerializer(many=True)

    class Meta(PositionListOutputSerializer.Meta):
        fields = [
            *[field for field in PositionListOutputSerializer.Meta.fields if field != "item_count"],
            "justification",
            "items",
            "votes",
        ]


class PickerCommentOutputSerializer(serializers.Serializer[Any]):
    """A comment in the picker (``selectors.comment_picker``)."""

    id = serializers.IntegerField()
    tracking_number = serializers.CharField(allow_null=True)
    organisation = OrganisationRefOutputSerializer(allow_null=True)
    provision = ProvisionRefOutputSerializer(allow_null=True)
    proposed_wording = serializers.CharField()
    justification = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    taken_count = serializers.IntegerField(
        help_text=_("How many items of this position already grew from the comment.")
    )
