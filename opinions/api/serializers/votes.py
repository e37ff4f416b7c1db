"""Votes: opening, ballots, attendance and recusals; a vote's summary, its detail and roll."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opinions.models import BallotChoice, Vote, VoteMode
from opinions.selectors import VoterStatus

# --- Input ------------------------------------------------------------------------------


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


# --- Output -----------------------------------------------------------------------------


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
