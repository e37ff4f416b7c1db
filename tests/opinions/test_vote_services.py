"""Votes: opening, ballots by circulation and recusals."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.exceptions import InvalidTransition, NotAllowed
from core.models import AuditEvent
from opinions import services
from opinions.exceptions import (
    EmptyPosition,
    InvalidDeadline,
    MemberRecused,
    NotCouncilMember,
    NotEligible,
    PendingAmendments,
    VoteClosed,
    VotingEnded,
    WrongVoteMode,
)
from opinions.models import (
    Ballot,
    BallotChoice,
    PositionStatus,
    Recusal,
    RequestStatus,
    Vote,
    VoteMode,
)
from tests.opinions.conftest import open_circulation, seat_of

pytestmark = pytest.mark.django_db

FOR, AGAINST, ABSTAIN = BallotChoice.FOR, BallotChoice.AGAINST, BallotChoice.ABSTAIN


# --- Opening ----------------------------------------------------------------------------


def test_the_chair_opens_a_vote_and_the_position_is_frozen(members, chair, opinion):
    vote = open_circulation(opinion, chair)

    opinion.refresh_from_db()
    assert opinion.status == PositionStatus.VOTING
    assert vote.is_open
    assert (vote.quorum_rule, vote.majority_rule) == ("half_of_members", "simple")
    assert AuditEvent.objects.for_target(vote).get().verb == "vote.opened"


@pytest.mark.parametrize("persona", ["council_member", "former_member", "official"])
def test_only_officers_open_votes(members, opinion, persona, request):
    with pytest.raises(NotAllowed):
        open_circulation(opinion, request.getfixturevalue(persona))

    opinion.refresh_from_db()
    assert opinion.status == PositionStatus.DRAFT
    assert not Vote.objects.exists()


def test_a_circulation_vote_needs_a_deadline_in_the_future(members, secretary, opinion):
    with pytest.raises(InvalidDeadline):
        services.vote_open(position=opinion, actor=secretary, mode=VoteMode.CIRCULATION)
    with pytest.raises(InvalidDeadline):
        open_circulation(opinion, secretary, days=-1)
    with pytest.raises(ValidationError):
        services.vote_open(
            position=opinion,
            actor=secretary,
            mode=VoteMode.MEETING,
            deadline=timezone.now() + dt.timedelta(days=1),
        )


def test_pending_amendments_must_be_decided_before_the_vote(
    members, chair, council_member, secretary, opinion
):
    item = opinion.items.get(order=2)
    services.amendment_propose(item=item, actor=secretary, text="Nowe brzmienie.", reason="")

    with pytest.raises(PendingAmendments) as refused:
        open_circulation(opinion, chair)

    assert refused.value.extra == {"items": [2]}


def test_a_position_without_items_is_not_put_to_the_vote(members, chair, term, council_member):
    position = services.position_create(
        term=term, actor=council_member, kind="general", subject="Stanowisko"
    )
    with pytest.raises(EmptyPosition):
        open_circulation(position, chair)


def test_a_position_being_voted_is_not_put_to_the_vote_again(members, chair, position_in):
    position = position_in("voting")
    with translation.override("en"), pytest.raises(InvalidTransition, match="only a draft"):
        open_circulation(position, chair)


def test_the_member_of_the_organisation_concerned_is_recused_automatically(
    members, chair, recused_member, position_in, term
):
    position = position_in("voting")
    vote = position.votes.get()

    recusal = Recusal.objects.get(vote=vote)
    assert recusal.member == seat_of(recused_member, term)
    assert not recusal.declared_by_member
    # The request behind the position is taken up with the vote.
    assert position.request.status == RequestStatus.ACCEPTED


# --- Ballots by circulation -------------------------------------------------------------


def test_a_member_votes_and_may_change_the_vote_until_the_deadline(
    members, chair, council_member, opinion, term
):
    vote = open_circulation(opinion, chair)

    services.ballot_cast(vote=vote, actor=council_member, choice=FOR)
    services.ballot_cast(vote=vote, actor=council_member, choice=AGAINST)

    ballot = Ballot.objects.get(vote=vote)
    assert (ballot.member, ballot.choice) == (seat_of(council_member, term), AGAINST)
    verbs = list(
        AuditEvent.objects.for_target(vote).order_by("at", "id").values_list("verb", "data")
    )
    assert verbs[-1][0] == "ballot.changed"
    assert verbs[-1][1]["previous"] == FOR


def test_voting_after_the_deadline_is_refused_and_nothing_changes(
    members, chair, council_member, opinion
):
    vote = open_circulation(opinion, chair, days=1)
    services.ballot_cast(vote=vote, actor=council_member, choice=FOR)

    later = timezone.now() + dt.timedelta(days=1, seconds=1)
    with time_machine.travel(later), pytest.raises(VotingEnded):
        services.ballot_cast(vote=vote, actor=council_member, choice=AGAINST)

    assert Ballot.objects.get(vote=vote).choice == FOR


def test_a_second_ballot_in_a_closed_vote_is_refused(members, position_in, council_member):
    position = position_in("adopted")
    vote = position.votes.get()

    with pytest.raises(VoteClosed):
        services.ballot_cast(vote=vote, actor=council_member, choice=AGAINST)

    assert vote.ballots.get(member__user=council_member).choice == FOR


def test_a_recused_member_cannot_vote(members, position_in, recused_member):
    vote = position_in("voting").votes.get()

    with pytest.raises(MemberRecused):
        services.ballot_cast(vote=vote, actor=recused_member, choice=FOR)

    assert not vote.ballots.exists()


@pytest.mark.parametrize("persona", ["former_member", "official", "ngo_representative"])
def test_people_without_a_seat_cannot_vote(members, position_in, persona, request):
    vote = position_in("voting").votes.get()

    with pytest.raises(NotCouncilMember):
        services.ballot_cast(vote=vote, actor=request.getfixturevalue(persona), choice=FOR)


def test_a_member_who_joined_after_the_vote_opened_does_not_vote_on_it(
    members, chair, opinion, make_member
):
    vote = open_circulation(opinion, chair)
    newcomer = make_member("Nowa Członkini", joined_on=timezone.localdate())
    vote.opened_at = timezone.now() - dt.timedelta(days=1)
    Vote.objects.filter(pk=vote.pk).update(opened_at=vote.opened_at)

    with pytest.raises(NotEligible):
        services.ballot_cast(vote=vote, actor=newcomer, choice=FOR)


def test_an_invalid_choice_is_refused(members, chair, council_member, opinion):
    vote = open_circulation(opinion, chair)
    with pytest.raises(ValidationError):
        services.ballot_cast(vote=vote, actor=council_member, choice="maybe")


def test_a_circulation_vote_takes_no_recorded_ballots(
    members, chair, council_member, opinion, term
):
    vote = open_circulation(opinion, chair)
    with pytest.raises(WrongVoteMode):
        services.attendance_record(vote=vote, actor=chair, present_member_ids=[])


# --- Recusals ---------------------------------------------------------------------------


def test_a_member_declares_a_conflict_and_their_ballot_is_removed(
    members, chair, council_member, opinion, term
):
    vote = open_circulation(opinion, chair)
    services.ballot_cast(vote=vote, actor=council_member, choice=FOR)
    seat = seat_of(council_member, term)

    services.recusal_declare(
        vote=vote, member=seat, actor=council_member, reason="Mój brat prowadzi tę fundację."
    )

    recusal = Recusal.objects.get(vote=vote)
    assert recusal.declared_by_member
    assert not vote.ballots.exists()
    with pytest.raises(MemberRecused):
        services.ballot_cast(vote=vote, actor=council_member, choice=FOR)


def test_a_member_cannot_recuse_another(members, chair, council_member, secretary, opinion, term):
    vote = open_circulation(opinion, chair)
    with pytest.raises(NotAllowed):
        services.recusal_declare(
            vote=vote, member=seat_of(secretary, term), actor=council_member, reason="Bo tak."
        )
    # An officer records one for a member.
    services.recusal_declare(
        vote=vote, member=seat_of(council_member, term), actor=chair, reason="Zgłoszone ustnie."
    )
    assert not Recusal.objects.get(vote=vote).declared_by_member
