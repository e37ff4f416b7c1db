"""Votes: opening, ballots by circulation, meeting votes, recusals and closing, with the
result computed from the term's rules and the position adopted (numbered) or rejected."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from consultations.models import CouncilSubmission
from core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from core.models import AuditEvent
from opinions import services
from opinions.exceptions import (
    AttendanceMissing,
    EmptyPosition,
    InvalidDeadline,
    MeetingIncomplete,
    MemberRecused,
    NotCouncilMember,
    NotEligible,
    PendingAmendments,
    VoteClosed,
    VoteStillRunning,
    VotingEnded,
    WrongVoteMode,
)
from opinions.models import (
    Ballot,
    BallotChoice,
    MajorityRule,
    PositionStatus,
    Recusal,
    RequestStatus,
    Vote,
    VoteMode,
    VoteOutcome,
)
from tests.opinions.conftest import adopt, seat_of

pytestmark = pytest.mark.django_db

FOR, AGAINST, ABSTAIN = BallotChoice.FOR, BallotChoice.AGAINST, BallotChoice.ABSTAIN


def open_circulation(position, actor, days=2):
    return services.vote_open(
        position=position,
        actor=actor,
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=days),
    )


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
