"""Votes at a meeting: attendance, the votes the secretary records, and closing."""

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import InvalidInput, NotAllowed
from opinions import services
from opinions.exceptions import AttendanceMissing, MeetingIncomplete, WrongVoteMode
from opinions.models import BallotChoice, VoteMode, VoteOutcome
from tests.opinions.conftest import seat_of

pytestmark = pytest.mark.django_db

FOR, AGAINST, ABSTAIN = BallotChoice.FOR, BallotChoice.AGAINST, BallotChoice.ABSTAIN


# --- Meeting votes ----------------------------------------------------------------------


@pytest.fixture
def meeting_vote(members, secretary, opinion):
    return services.vote_open(position=opinion, actor=secretary, mode=VoteMode.MEETING)


def test_the_secretary_records_a_meeting_vote(
    meeting_vote, secretary, chair, council_member, recused_member, term, opinion
):
    present = [seat_of(user, term) for user in (chair, secretary, council_member)]
    services.attendance_record(
        vote=meeting_vote, actor=secretary, present_member_ids=[seat.pk for seat in present]
    )
    for seat, choice in zip(present, [FOR, FOR, AGAINST], strict=True):
        services.ballot_record(vote=meeting_vote, actor=secretary, member=seat, choice=choice)

    vote = services.vote_close(vote=meeting_vote, actor=secretary)

    assert (vote.votes_for, vote.votes_against, vote.participated, vote.eligible) == (2, 1, 3, 4)
    assert vote.outcome == VoteOutcome.ADOPTED
    assert all(ballot.recorded_by == secretary for ballot in vote.ballots.all())
    assert not vote.attendance.get(member=seat_of(recused_member, term)).present


def test_a_meeting_vote_needs_attendance_and_every_present_members_vote(
    meeting_vote, secretary, chair, council_member, term
):
    with pytest.raises(AttendanceMissing):
        services.vote_close(vote=meeting_vote, actor=secretary)
    with pytest.raises(AttendanceMissing):
        services.ballot_record(
            vote=meeting_vote, actor=secretary, member=seat_of(chair, term), choice=FOR
        )
    present = [seat_of(chair, term).pk, seat_of(council_member, term).pk]
    services.attendance_record(vote=meeting_vote, actor=secretary, present_member_ids=present)
    services.ballot_record(
        vote=meeting_vote, actor=secretary, member=seat_of(chair, term), choice=FOR
    )

    with pytest.raises(MeetingIncomplete):
        services.vote_close(vote=meeting_vote, actor=secretary)


def test_an_absent_member_has_no_recorded_vote(
    meeting_vote, secretary, chair, council_member, term
):
    chair_seat, member_seat = seat_of(chair, term), seat_of(council_member, term)
    services.attendance_record(
        vote=meeting_vote, actor=secretary, present_member_ids=[chair_seat.pk]
    )
    with pytest.raises(InvalidInput):
        services.ballot_record(vote=meeting_vote, actor=secretary, member=member_seat, choice=FOR)

    services.ballot_record(vote=meeting_vote, actor=secretary, member=chair_seat, choice=FOR)
    with pytest.raises(InvalidInput):
        services.attendance_record(
            vote=meeting_vote, actor=secretary, present_member_ids=[member_seat.pk]
        )


def test_members_do_not_record_meeting_votes_nor_vote_online_at_meetings(
    meeting_vote, council_member, term
):
    with pytest.raises(NotAllowed):
        services.attendance_record(vote=meeting_vote, actor=council_member, present_member_ids=[])
    with pytest.raises(WrongVoteMode):
        services.ballot_cast(vote=meeting_vote, actor=council_member, choice=FOR)


def test_attendance_names_only_members_entitled_to_the_vote(
    meeting_vote, secretary, former_member, term
):
    with pytest.raises(ValidationError):
        services.attendance_record(
            vote=meeting_vote,
            actor=secretary,
            present_member_ids=[seat_of(former_member, term).pk],
        )
