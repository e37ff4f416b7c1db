"""Votes on positions: opened by the officers, by circulation or at a meeting, and closed
with the term's rules."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.viewer import request_viewer
from core.api import error_responses
from core.api_base import ApiView
from opinions import permissions, selectors, services
from opinions.api.filters import VoteFilter
from opinions.api.permissions import CanCloseVote, CanOpenVote, CanRecordMeeting
from opinions.api.serializers import (
    AttendanceInputSerializer,
    BallotInputSerializer,
    BallotRecordInputSerializer,
    RecusalInputSerializer,
    VoteOpenInputSerializer,
    VoteSummaryOutputSerializer,
)
from opinions.api.views.base import PositionAction, VoteAction, VoteAnswer, invalid
from opinions.models import Position, TermMember, Vote


class PositionVoteOpenApi(VoteAnswer, PositionAction):
    write_permission_classes = [IsAuthenticated, CanOpenVote]
    input_serializer_class = VoteOpenInputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: Position, data: dict[str, Any]) -> Vote:
        return services.vote_open(
            position=obj, actor=self.request.user, mode=data["mode"], deadline=data.get("deadline")
        )

    def reread(self, obj: Any, result: Vote) -> Vote:
        return selectors.vote_get_for(viewer=self.request.user, pk=result.pk)

    @extend_schema(
        summary="Put a draft to the vote (the chair or the secretary)",
        description=(
            "By circulation until a deadline, or at a meeting. Refused while amendments wait "
            "for a decision. Members whose organisation the position concerns are recused."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class VoteListApi(ApiView, generics.ListAPIView[Vote]):
    permission_classes = [AllowAny]
    serializer_class = VoteSummaryOutputSerializer
    filterset_class = VoteFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[Vote]:
        return selectors.vote_list(viewer=self.request.user)

    @extend_schema(
        summary="Votes on the positions you may see, newest first",
        responses={200: VoteSummaryOutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class VoteDetailApi(VoteAction):
    @extend_schema(
        summary="One vote: tally, recusals, your own vote, and who voted how",
        description=(
            "Names by choice and the roll are public once the vote is closed; while it runs "
            "only the chair and the secretary see them."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()


class VoteBallotApi(VoteAction):
    input_serializer_class = BallotInputSerializer

    def perform(self, obj: Vote, data: dict[str, Any]) -> None:
        services.ballot_cast(vote=obj, actor=self.request.user, choice=data["choice"])

    @extend_schema(
        summary="Vote by circulation: for, against or abstain (council members)",
        description=(
            "Voting again before the deadline changes your vote. After the deadline, in a "
            "closed vote or when you are recused, the vote is refused and nothing changes."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class VoteAttendanceApi(VoteAction):
    write_permission_classes = [IsAuthenticated, CanRecordMeeting]
    input_serializer_class = AttendanceInputSerializer

    def perform(self, obj: Vote, data: dict[str, Any]) -> None:
        services.attendance_record(
            vote=obj, actor=self.request.user, present_member_ids=data["present_member_ids"]
        )

    @extend_schema(
        summary="Record who is present at the meeting (the secretary or the chair)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


def _vote_member(vote: Vote, member_id: Any) -> TermMember:
    member = selectors.term_member_of_vote(vote=vote, pk=member_id)
    if member is None:
        raise invalid("member", _("Not a member of this term."))
    return member


class VoteBallotRecordApi(VoteAction):
    write_permission_classes = [IsAuthenticated, CanRecordMeeting]
    input_serializer_class = BallotRecordInputSerializer

    def perform(self, obj: Vote, data: dict[str, Any]) -> None:
        services.ballot_record(
            vote=obj,
            actor=self.request.user,
            member=_vote_member(obj, data["member"]),
            choice=data["choice"],
        )

    @extend_schema(
        summary="Record a present member's vote at a meeting (the secretary or the chair)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class VoteRecusalApi(VoteAction):
    input_serializer_class = RecusalInputSerializer

    def _member(self, vote: Vote, member_id: Any) -> TermMember:
        if member_id is not None:
            return _vote_member(vote, member_id)
        seat = permissions.council_seat(request_viewer(self.request), vote.position.term)
        if seat is None:
            raise invalid("member", _("You are not a member of the council."))
        return seat

    def perform(self, obj: Vote, data: dict[str, Any]) -> None:
        services.recusal_declare(
            vote=obj,
            member=self._member(obj, data.get("member")),
            actor=self.request.user,
            reason=data["reason"],
        )

    @extend_schema(
        summary="Declare a conflict of interest: the member does not vote (council members)",
        description=(
            "A member declares their own (member left out); an officer may record one for "
            "another member. A vote the member already cast is removed."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class VoteCloseApi(VoteAction):
    write_permission_classes = [IsAuthenticated, CanCloseVote]

    def perform(self, obj: Vote, data: dict[str, Any]) -> None:
        services.vote_close(vote=obj, actor=self.request.user)

    @extend_schema(
        summary="Close a vote and decide the position (the secretary or the chair)",
        description=(
            "After the deadline, or once every member entitled to vote has voted; at a "
            "meeting once every present member's vote is recorded. The result follows the "
            "term's rules; an adopted position gets the next number of the year."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
