"""The workspace: what waits for the viewer in the council."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opinions.api.serializers.amendments import AmendmentOutputSerializer
from opinions.api.serializers.positions import PositionListOutputSerializer
from opinions.api.serializers.requests import RequestOutputSerializer
from opinions.api.serializers.terms import TermMemberOutputSerializer, TermOutputSerializer
from opinions.api.serializers.votes import VoteWithPositionOutputSerializer
from opinions.selectors import Workspace

# --- Output -----------------------------------------------------------------------------


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
    drafts_i_lead = PositionListOutputSerializer(
        many=True, help_text="The draft positions the viewer leads as their drafter."
    )
    requests = RequestOutputSerializer(many=True)

    @extend_schema_field(WorkspacePositionsOutputSerializer)
    def get_positions(self, workspace: Workspace) -> dict[str, Any]:
        return dict(WorkspacePositionsOutputSerializer(workspace.positions_by_status).data)
