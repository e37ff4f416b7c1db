"""Closing a vote: the result computed from the term's rules, and the position adopted
(numbered, delivered to its consultation) or rejected."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from consultations.models import CouncilSubmission
from core.exceptions import NotAllowed
from core.models import AuditEvent
from opinions import services
from opinions.exceptions import VoteClosed, VoteStillRunning
from opinions.models import BallotChoice, MajorityRule, PositionStatus, VoteOutcome
from tests.opinions.conftest import adopt, open_circulation, seat_of

pytestmark = pytest.mark.django_db

FOR, AGAINST, ABSTAIN = BallotChoice.FOR, BallotChoice.AGAINST, BallotChoice.ABSTAIN


# --- Closing by circulation -------------------------------------------------------------


def test_closing_early_without_every_ballot_is_refused(members, chair, council_member, opinion):
    vote = open_circulation(opinion, chair)
    services.ballot_cast(vote=vote, actor=council_member, choice=FOR)

    with pytest.raises(VoteStillRunning) as refused:
        services.vote_close(vote=vote, actor=chair)

    assert refused.value.extra == {"missing": 3}
    vote.refresh_from_db()
    opinion.refresh_from_db()
    assert vote.is_open
    assert opinion.status == PositionStatus.VOTING


def test_when_everyone_voted_the_vote_closes_early_and_the_position_is_adopted(
    members, chair, secretary, council_member, recused_member, opinion
):
    vote = open_circulation(opinion, chair)
    for user, choice in [
        (chair, FOR),
        (secretary, FOR),
        (council_member, AGAINST),
        (recused_member, ABSTAIN),
    ]:
        services.ballot_cast(vote=vote, actor=user, choice=choice)

    vote = services.vote_close(vote=vote, actor=secretary)

    opinion.refresh_from_db()
    assert vote.outcome == VoteOutcome.ADOPTED
    assert (vote.votes_for, vote.votes_against, vote.abstentions) == (2, 1, 1)
    assert (vote.eligible, vote.participated, vote.quorum_required) == (4, 4, 2)
    assert vote.quorum_reached
    assert opinion.status == PositionStatus.ADOPTED
    year = timezone.localdate().year
    assert (opinion.number, opinion.year) == (1, year)
    assert opinion.number_label == f"1/{year}"
    assert opinion.title == f"Uchwała nr 1/{year}"


def test_after_the_deadline_the_vote_closes_with_the_ballots_cast(
    members, chair, secretary, council_member, opinion
):
    vote = open_circulation(opinion, chair, days=1)
    services.ballot_cast(vote=vote, actor=council_member, choice=FOR)
    services.ballot_cast(vote=vote, actor=chair, choice=FOR)

    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        vote = services.vote_close(vote=vote, actor=secretary)

    # Two of four took part: the quorum (at least half) is reached; 2 for, none against.
    assert vote.outcome == VoteOutcome.ADOPTED
    assert vote.participated == 2


def test_too_few_ballots_by_the_deadline_reject_the_position(
    members, chair, secretary, council_member, opinion
):
    vote = open_circulation(opinion, chair, days=1)
    services.ballot_cast(vote=vote, actor=council_member, choice=FOR)

    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        vote = services.vote_close(vote=vote, actor=secretary)

    opinion.refresh_from_db()
    assert vote.outcome == VoteOutcome.REJECTED
    assert not vote.quorum_reached
    assert opinion.status == PositionStatus.REJECTED
    assert opinion.number is None


def test_a_tie_rejects_the_position(members, position_in):
    position = position_in("rejected")
    vote = position.votes.get()

    assert (vote.votes_for, vote.votes_against) == (1, 2)
    assert position.status == PositionStatus.REJECTED


def test_recusals_leave_the_quorum_base(members, position_in):
    vote = position_in("adopted").votes.get()

    assert (vote.eligible, vote.recused, vote.participated) == (3, 1, 3)


def test_the_absolute_majority_of_the_term_applies(
    members, chair, secretary, council_member, recused_member, opinion, term, administrator
):
    services.term_update(term=term, actor=administrator, majority_rule=MajorityRule.ABSOLUTE)
    vote = open_circulation(opinion, chair)
    for user, choice in [
        (chair, FOR),
        (secretary, FOR),
        (council_member, ABSTAIN),
        (recused_member, ABSTAIN),
    ]:
        services.ballot_cast(vote=vote, actor=user, choice=choice)

    vote = services.vote_close(vote=vote, actor=chair)

    # Two for of four members is not more than half.
    assert vote.majority_rule == MajorityRule.ABSOLUTE
    assert vote.majority_required == 3
    assert vote.outcome == VoteOutcome.REJECTED


def test_only_officers_close_votes(members, position_in, council_member):
    vote = position_in("voting").votes.get()
    with pytest.raises(NotAllowed):
        services.vote_close(vote=vote, actor=council_member)


def test_a_closed_vote_is_not_closed_again(members, position_in, secretary):
    vote = position_in("adopted").votes.get()
    with pytest.raises(VoteClosed):
        services.vote_close(vote=vote, actor=secretary)


def test_a_member_who_left_mid_vote_without_voting_is_not_counted(
    members, chair, secretary, council_member, recused_member, opinion, term, administrator
):
    vote = open_circulation(opinion, chair)
    services.ballot_cast(vote=vote, actor=chair, choice=FOR)
    services.ballot_cast(vote=vote, actor=secretary, choice=FOR)
    services.ballot_cast(vote=vote, actor=recused_member, choice=AGAINST)
    services.member_end(
        member=seat_of(council_member, term),
        actor=administrator,
        left_on=timezone.localdate() - dt.timedelta(days=1),
    )

    # Everyone still a member has voted: the vote closes early.
    vote = services.vote_close(vote=vote, actor=chair)

    assert (vote.eligible, vote.participated) == (3, 3)
    assert vote.outcome == VoteOutcome.ADOPTED


# --- Numbering and delivery -------------------------------------------------------------


def test_adoptions_take_consecutive_numbers_of_the_year(members, position_in):
    first = position_in("adopted")
    position_in("rejected")
    second = position_in("adopted")

    year = timezone.localdate().year
    assert (first.number, second.number) == (1, 2)
    assert second.number_label == f"2/{year}"


def test_a_new_year_starts_at_one(members, position_in):
    position_in("adopted")
    with time_machine.travel(dt.datetime(timezone.localdate().year + 1, 1, 5, 12, tzinfo=dt.UTC)):
        later = position_in("adopted")

    assert later.number == 1
    assert later.year == timezone.localdate().year + 1


def test_an_adopted_opinion_is_delivered_to_the_consultation(
    members, chair, secretary, council_member, recused_member, opinion, consultation, provisions
):
    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )

    submission = CouncilSubmission.objects.get(consultation=consultation)
    opinion.refresh_from_db()
    assert submission.external_id == str(opinion.pk)
    assert submission.reference.startswith(opinion.title)
    assert not submission.is_late
    delivered = list(submission.comments.order_by("pk"))
    assert [comment.provision for comment in delivered] == provisions
    assert [comment.proposed_wording for comment in delivered] == list(
        opinion.items.order_by("order").values_list("text", flat=True)
    )
    assert all(comment.organisation is None and comment.is_submitted for comment in delivered)


def test_an_opinion_adopted_after_the_consultation_closed_is_delivered_late(
    members, chair, secretary, council_member, recused_member, opinion, consultation
):
    consultation.ends_at = timezone.now() - dt.timedelta(minutes=1)
    consultation.save(update_fields=["ends_at"])

    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )

    assert CouncilSubmission.objects.get(consultation=consultation).is_late


def test_a_rejected_opinion_is_not_delivered(
    members, chair, secretary, council_member, opinion, consultation
):
    vote = open_circulation(opinion, chair, days=1)
    services.ballot_cast(vote=vote, actor=chair, choice=AGAINST)
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        services.vote_close(vote=vote, actor=secretary)

    assert not CouncilSubmission.objects.exists()


def test_closing_is_audited_with_the_tally(members, position_in):
    vote = position_in("adopted").votes.get()
    event = AuditEvent.objects.for_target(vote).get(verb="vote.closed")
    assert event.data["for"] == 3
    assert event.data["outcome"] == "adopted"
    assert AuditEvent.objects.filter(verb="position.adopted").count() == 1
