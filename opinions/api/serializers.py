"""Input serializers check the shape of a request; output serializers render the result.

Input serializers never save: views pass their ``validated_data`` to a service, which owns
the rules (who may, the state of the position or vote, stale revisions, deadlines).
Output serializers expect the prefetches of the selectors named in their docstrings.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation, User
from opinions.models import (
    Amendment,
    BallotChoice,
    CouncilRequest,
    CouncilRequestAttachment,
    ItemNote,
    MajorityRule,
    Office,
    Position,
    PositionItem,
    PositionItemRevision,
    PositionItemSource,
    PositionKind,
    QuorumRule,
    RequestKind,
    Term,
    TermMember,
    Vote,
    VoteMode,
)
from opinions.selectors import VoterStatus, Workspace

# --- Input ------------------------------------------------------------------------------


class TermInputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    quorum_rule = serializers.ChoiceField(
        choices=QuorumRule.choices, default=QuorumRule.HALF_OF_MEMBERS
    )
    majority_rule = serializers.ChoiceField(
        choices=MajorityRule.choices, default=MajorityRule.SIMPLE
    )


class MemberAddInputSerializer(serializers.Serializer[Any]):
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), help_text=_("The person's user id.")
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.verified(),
        required=False,
        allow_null=True,
        help_text=_("The organisation the person represents (they must be its member)."),
    )
    office = serializers.ChoiceField(choices=Office.choices, default=Office.MEMBER)
    joined_on = serializers.DateField(
        required=False, help_text=_("By default today, or the term's first day.")
    )
    co_opted = serializers.BooleanField(default=False)


class MemberOfficeInputSerializer(serializers.Serializer[Any]):
    office = serializers.ChoiceField(choices=Office.choices)


class MemberEndInputSerializer(serializers.Serializer[Any]):
    left_on = serializers.DateField(help_text=_("The last day the member sits on the council."))


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


class AmendmentProposeInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(help_text=_("The replacement text of the item."))
    reason = serializers.CharField(required=False, allow_blank=True)


class VoteOpenInputSerializer(serializers.Serializer[Any]):
    mode = serializers.ChoiceField(choices=VoteMode.choices)
    deadline = serializers.DateTimeField(
        required=False, allow_null=True, help_text=_("Required for a vote by circulation.")
    )


class BallotInputSerializer(serializers.Serializer[Any]):
    choice = serializers.ChoiceField(choices=BallotChoice.choices)


class AttendanceInputSerializer(serializers.Serializer[Any]):
    present_member_ids = serializers.ListField(
        child=serializers.IntegerField(),
        allow_empty=True,
        max_length=500,
        help_text=_("Ids of the council members present (see the vote's roll)."),
    )


class BallotRecordInputSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(help_text=_("The council member's id (see the roll)."))
    choice = serializers.ChoiceField(choices=BallotChoice.choices)


class RecusalInputSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(
        required=False, help_text=_("The council member's id; by default your own seat.")
    )
    reason = serializers.CharField(max_length=2000)


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


# --- Output: shared pieces --------------------------------------------------------------


class PersonOutputSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "full_name"]


class OrganisationRefOutputSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class ReferenceOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ProvisionRefOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    anchor = serializers.CharField()


# --- Terms and members ------------------------------------------------------------------


class TermOutputSerializer(serializers.ModelSerializer[Term]):
    """Expects ``selectors.term_list``'s ``member_count``."""

    council = serializers.CharField(source="council.name")
    is_current = serializers.BooleanField()
    member_count = serializers.IntegerField(required=False, help_text=_("Members active today."))

    class Meta:
        model = Term
        fields = [
            "id",
            "council",
            "name",
            "starts_on",
            "ends_on",
            "quorum_rule",
            "majority_rule",
            "is_current",
            "member_count",
        ]


class TermMemberOutputSerializer(serializers.ModelSerializer[TermMember]):
    user = PersonOutputSerializer()
    organisation = OrganisationRefOutputSerializer(allow_null=True)
    is_active = serializers.BooleanField()

    class Meta:
        model = TermMember
        fields = [
            "id",
            "term",
            "user",
            "organisation",
            "office",
            "joined_on",
            "left_on",
            "co_opted",
            "is_active",
        ]


# --- Positions --------------------------------------------------------------------------


class ItemSourceOutputSerializer(serializers.ModelSerializer[PositionItemSource]):
    comment = serializers.IntegerField(source="comment_id")
    tracking_number = serializers.CharField(source="comment.tracking_number", allow_null=True)
    organisation = serializers.SerializerMethodField()
    provision = serializers.SerializerMethodField()

    class Meta:
        model = PositionItemSource
        fields = ["comment", "tracking_number", "organisation", "provision"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organisation(self, source: PositionItemSource) -> str | None:
        organisation = source.comment.organisation
        return organisation.name if organisation is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_provision(self, source: PositionItemSource) -> str | None:
        provision = source.comment.provision
        return provision.label if provision is not None else None


class AmendmentOutputSerializer(serializers.ModelSerializer[Amendment]):
    proposed_by = PersonOutputSerializer()
    decided_by = PersonOutputSerializer(allow_null=True)

    class Meta:
        model = Amendment
        fields = [
            "id",
            "item",
            "text",
            "reason",
            "status",
            "base_revision",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
        ]


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

    class Meta:
        model = PositionItem
        fields = [
            "id",
            "position",
            "order",
            "text",
            "revision",
            "provision",
            "sources",
            "amendments",
            "notes",
            "updated_at",
        ]


class ItemRevisionOutputSerializer(serializers.ModelSerializer[PositionItemRevision]):
    changed_by = PersonOutputSerializer(allow_null=True)

    class Meta:
        model = PositionItemRevision
        fields = ["revision", "text", "changed_by", "changed_at", "amendment"]


class VoteSummaryOutputSerializer(serializers.ModelSerializer[Vote]):
    outcome = serializers.SerializerMethodField()
    turnout = serializers.FloatField(allow_null=True)
    is_open = serializers.BooleanField()

    class Meta:
        model = Vote
        fields = [
            "id",
            "position",
            "mode",
            "is_open",
            "opened_at",
            "deadline",
            "closed_at",
            "outcome",
            "votes_for",
            "votes_against",
            "abstentions",
            "eligible",
            "recused",
            "participated",
            "turnout",
            "quorum_rule",
            "majority_rule",
            "quorum_required",
            "quorum_reached",
            "majority_required",
            "rule_description",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=["adopted", "rejected"], allow_null=True))
    def get_outcome(self, vote: Vote) -> str | None:
        return vote.outcome or None


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


# --- Votes ------------------------------------------------------------------------------


class RollEntryOutputSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(source="member.pk")
    name = serializers.CharField(source="member.user.full_name")
    organisation = serializers.SerializerMethodField()
    choice = serializers.ChoiceField(choices=BallotChoice.choices, allow_null=True)
    recused = serializers.BooleanField()
    present = serializers.BooleanField(allow_null=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organisation(self, entry: VoterStatus) -> str | None:
        organisation = entry.member.organisation
        return organisation.name if organisation is not None else None


class RecusalOutputSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(source="member.pk")
    name = serializers.CharField(source="member.user.full_name")
    reason = serializers.CharField()
    declared_by_member = serializers.BooleanField()


class VotersOutputSerializer(serializers.Serializer[Any]):
    for_ = serializers.ListField(child=serializers.CharField())
    against = serializers.ListField(child=serializers.CharField())
    abstain = serializers.ListField(child=serializers.CharField())

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["for"] = fields.pop("for_")
        return fields


class VoteDetailOutputSerializer(VoteSummaryOutputSerializer):
    """Expects ``selectors.vote_get_for``; the context carries ``roll`` (officers, or
    after the close), ``voters`` (names by choice, or None while hidden) and ``my_choice``."""

    position_title = serializers.CharField(source="position.title")
    position_status = serializers.CharField(source="position.status")
    ballot_count = serializers.SerializerMethodField()
    my_choice = serializers.SerializerMethodField()
    voters = serializers.SerializerMethodField()
    recusals = RecusalOutputSerializer(many=True)
    roll = serializers.SerializerMethodField()

    class Meta(VoteSummaryOutputSerializer.Meta):
        fields = [
            *VoteSummaryOutputSerializer.Meta.fields,
            "position_title",
            "position_status",
            "ballot_count",
            "my_choice",
            "voters",
            "recusals",
            "roll",
        ]

    def get_ballot_count(self, vote: Vote) -> int:
        return len(vote.ballots.all())

    @extend_schema_field(serializers.ChoiceField(choices=BallotChoice.choices, allow_null=True))
    def get_my_choice(self, vote: Vote) -> str | None:
        return self.context.get("my_choice")

    @extend_schema_field(VotersOutputSerializer(allow_null=True))
    def get_voters(self, vote: Vote) -> dict[str, list[str]] | None:
        return self.context.get("voters")

    @extend_schema_field(RollEntryOutputSerializer(many=True, allow_null=True))
    def get_roll(self, vote: Vote) -> list[dict[str, Any]] | None:
        roll = self.context.get("roll")
        if roll is None:
            return None
        return list(RollEntryOutputSerializer(roll, many=True).data)


class VoteWithPositionOutputSerializer(VoteSummaryOutputSerializer):
    position_title = serializers.CharField(source="position.title")

    class Meta(VoteSummaryOutputSerializer.Meta):
        fields = [*VoteSummaryOutputSerializer.Meta.fields, "position_title"]


# --- Requests ---------------------------------------------------------------------------


class AttachmentOutputSerializer(serializers.ModelSerializer[CouncilRequestAttachment]):
    class Meta:
        model = CouncilRequestAttachment
        fields = ["id", "name", "content_type", "size", "uploaded_at"]


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


# --- Workspace --------------------------------------------------------------------------


class WorkspacePositionsOutputSerializer(serializers.Serializer[Any]):
    draft = PositionListOutputSerializer(many=True)
    voting = PositionListOutputSerializer(many=True)


class WorkspaceOutputSerializer(serializers.Serializer[Any]):
    """Renders ``selectors.workspace_for``."""

    term = TermOutputSerializer(allow_null=True)
    seat = TermMemberOutputSerializer(allow_null=True)
    positions = serializers.SerializerMethodField()
    recently_decided = PositionListOutputSerializer(many=True)
    votes_awaiting_ballot = VoteWithPositionOutputSerializer(many=True)
    open_votes = VoteWithPositionOutputSerializer(many=True)
    amendments_to_decide = AmendmentOutputSerializer(many=True)
    requests = RequestOutputSerializer(many=True)

    @extend_schema_field(WorkspacePositionsOutputSerializer)
    def get_positions(self, workspace: Workspace) -> dict[str, Any]:
        return dict(WorkspacePositionsOutputSerializer(workspace.positions_by_status).data)
