"""Votes: opening, recusals, ballots (online by circulation, or recorded at a meeting) and
closing, which computes the result from the term's rules and adopts or rejects the
position. Adoption numbers it (gapless, ``opinions.numbering``) and delivers an opinion on
a consultation to that consultation.

Lock order, everywhere: the position, then the vote. A vote's row serialises its ballots,
so one member never holds two (the unique constraint has the last word anyway).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consultations.services.council import SubmittedItem, council_submission_deliver
from core.dates import local_day
from core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from core.services import audit_log
from opinions import numbering, permissions
from opinions.events import OpinionVerb
from opinions.exceptions import (
    AlreadyRecused,
    AttendanceMissing,
    EmptyPosition,
    InvalidDeadline,
    MeetingIncomplete,
    MemberRecused,
    NotEligible,
    PendingAmendments,
    VoteClosed,
    VoteStillRunning,
    VotingEnded,
    WrongVoteMode,
)
from opinions.models import (
    Amendment,
    AmendmentStatus,
    Attendance,
    Ballot,
    BallotChoice,
    Position,
    PositionItem,
    PositionKind,
    PositionStatus,
    Recusal,
    RequestStatus,
    TermMember,
    Vote,
    VoteMode,
    VoteOutcome,
)
from opinions.services.common import (
    locked_position,
    now,
    require_current_term,
    require_member,
)
from opinions.voting import Rules, VoteResult, compute_result

# --- Who votes --------------------------------------------------------------------------


def seats_on_opening(vote: Vote) -> list[TermMember]:
    """The members entitled to vote: those active in the term on the day it opened."""
    return list(
        TermMember.objects.active_on(local_day(vote.opened_at))
        .filter(term_id=vote.position.term_id)
        .select_related("user", "organisation")
        .order_by("user__full_name", "pk")
    )


def eligible_member_ids(vote: Vote, *, at: dt.datetime, voted: Iterable[int]) -> set[int]:
    """Members counted when the vote closes at ``at``: active on the day it opened, and
    still members at the close unless they voted before leaving."""
    voted = set(voted)
    day = local_day(at)
    return {
        seat.pk
        for seat in seats_on_opening(vote)
        if seat.pk in voted or seat.left_on is None or seat.left_on >= day
    }


def _recused_ids(vote: Vote) -> set[int]:
    return set(Recusal.objects.filter(vote=vote).values_list("member_id", flat=True))


def _locked_vote(vote: Vote) -> Vote:
    return (
        Vote.objects.select_for_update(of=("self",))
        .select_related("position__term__council", "position__request")
        .get(pk=vote.pk)
    )


def _require_open(vote: Vote) -> None:
    if not vote.is_open:
        raise VoteClosed()


def _seat_in_vote(vote: Vote, member: TermMember) -> None:
    if member.pk not in {seat.pk for seat in seats_on_opening(vote)}:
        raise NotEligible(
            _("%(name)s was not a member of the council when this vote opened.")
            % {"name": member.user}
        )


def _check_not_recused(vote: Vote, member: TermMember, *, own: bool) -> None:
    recusal = Recusal.objects.filter(vote=vote, member=member).first()
    if recusal is None:
        return
    if own:
        raise MemberRecused(
            _("You are recused from this vote (%(reason)s), so you cannot vote on it.")
            % {"reason": recusal.reason},
            extra={"reason": recusal.reason},
        )
    raise MemberRecused(
        _("%(name)s is recused from this vote (%(reason)s), so cannot vote on it.")
        % {"name": member.user, "reason": recusal.reason},
        extra={"reason": recusal.reason},
    )


def _check_choice(choice: str) -> None:
    if choice not in BallotChoice.values:
        raise ValidationError({"choice": _("Vote for, against or abstain.")})


# --- Opening ----------------------------------------------------------------------------


def _automatic_recusals(vote: Vote, position: Position) -> list[Recusal]:
    """Members whose organisation is the one the position concerns (or asked for it)."""
    concerned = {position.subject_organisation_id}
    if position.request is not None:
        concerned.add(position.request.organisation_id)
    concerned.discard(None)
    if not concerned:
        return []
    reason = _("their organisation is the one this position concerns")
    return Recusal.objects.bulk_create(
        [
            Recusal(
                vote=vote, member=seat, reason=reason, declared_by_member=False, declared_by=None
            )
            for seat in seats_on_opening(vote)
            if seat.organisation_id in concerned
        ]
    )


@transaction.atomic
def vote_open(
    *, position: Position, actor: Any, mode: str, deadline: dt.datetime | None = None
) -> Vote:
    """Put a draft to the vote (the chair or the secretary): by circulation until
    ``deadline``, or at a meeting. The position is then frozen (voting).

    Refused while amendments wait for a decision or when the position has no items.
    Members whose organisation the position concerns are recused automatically. A request
    behind the position counts as taken up. Audited.
    """
    position = locked_position(position)
    moment = now()
    if not permissions.can_open_vote(actor, position, now=moment):
        raise NotAllowed(_("Only the chair or the secretary can open a vote."))
    require_current_term(position.term, moment=moment)
    if position.status != PositionStatus.DRAFT:
        raise InvalidTransition(
            _("This position is %(status)s; only a draft can be put to the vote.")
            % {"status": PositionStatus(position.status).label}
        )
    if mode not in VoteMode.values:
        raise ValidationError({"mode": _("Choose a vote by circulation or at a meeting.")})
    if mode == VoteMode.CIRCULATION:
        if deadline is None or deadline <= moment:
            raise InvalidDeadline(
                extra={"fields": {"deadline": [str(InvalidDeadline.default_message)]}}
            )
    elif deadline is not None:
        raise ValidationError({"deadline": _("A vote at a meeting has no deadline.")})
    if not PositionItem.objects.filter(position=position).exists():
        raise EmptyPosition()
    pending = list(
        Amendment.objects.filter(item__position=position, status=AmendmentStatus.PROPOSED)
        .order_by("item__order")
        .values_list("item__order", flat=True)
        .distinct()
    )
    if pending:
        raise PendingAmendments(extra={"items": pending})

    term = position.term
    vote = Vote.objects.create(
        position=position,
        mode=mode,
        opened_by=actor,
        opened_at=moment,
        deadline=deadline if mode == VoteMode.CIRCULATION else None,
        quorum_rule=term.quorum_rule,
        majority_rule=term.majority_rule,
    )
    vote.position = position
    recusals = _automatic_recusals(vote, position)
    position.status = PositionStatus.VOTING
    position.save(update_fields=["status", "updated_at"])
    request = position.request
    if request is not None and request.status == RequestStatus.SUBMITTED:
        request.status = RequestStatus.ACCEPTED
        request.decided_by = actor
        request.decided_at = moment
        request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_log(
        actor=actor,
        verb=OpinionVerb.VOTE_OPENED,
        target=vote,
        data={
            "position": position.pk,
            "mode": mode,
            "deadline": vote.deadline,
            "recused": [recusal.member_id for recusal in recusals],
        },
    )
    return vote


# --- Recusals ---------------------------------------------------------------------------


@transaction.atomic
def recusal_declare(*, vote: Vote, member: TermMember, actor: Any, reason: str) -> Recusal:
    """A member declares a conflict of interest (or an officer records one): the member
    is left out of this vote and of its quorum base. A ballot they cast already is
    removed. Audited."""
    vote = _locked_vote(vote)
    moment = now()
    if not permissions.can_declare_recusal(actor, vote, member, now=moment):
        raise NotAllowed(
            _("Members declare their own conflicts of interest; officers may record them.")
        )
    _require_open(vote)
    _seat_in_vote(vote, member)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the conflict of interest is.")})
    if Recusal.objects.filter(vote=vote, member=member).exists():
        raise AlreadyRecused()
    removed = Ballot.objects.filter(vote=vote, member=member).first()
    if removed is not None:
        removed.delete()
    recusal = Recusal.objects.create(
        vote=vote,
        member=member,
        reason=reason,
        declared_by_member=member.user_id == actor.pk,
        declared_by=actor,
    )
    audit_log(
        actor=actor,
        verb=OpinionVerb.VOTE_RECUSAL_DECLARED,
        target=vote,
        data={
            "member": member.pk,
            "reason": reason,
            "removed_ballot": removed.choice if removed is not None else None,
        },
    )
    return recusal


# --- Ballots ----------------------------------------------------------------------------


def _store_ballot(
    vote: Vote, member: TermMember, choice: str, actor: Any, moment: dt.datetime
) -> tuple[Ballot, str | None]:
    ballot = Ballot.objects.filter(vote=vote, member=member).first()
    previous = ballot.choice if ballot is not None else None
    if ballot is None:
        ballot = Ballot.objects.create(
            vote=vote, member=member, choice=choice, cast_at=moment, recorded_by=actor
        )
    else:
        ballot.choice = choice
        ballot.cast_at = moment
        ballot.recorded_by = actor
        ballot.save(update_fields=["choice", "cast_at", "recorded_by"])
    return ballot, previous


@transaction.atomic
def ballot_cast(*, vote: Vote, actor: Any, choice: str) -> Ballot:
    """A member's vote by circulation: for, against or abstain. Voting again before the
    deadline changes the vote; after the deadline or once the vote is closed nothing is
    accepted. Recused members and members who joined after the vote opened do not vote.
    Audited (with the previous choice when changed)."""
    vote = _locked_vote(vote)
    moment = now()
    seat = require_member(actor, vote.position.term, moment=moment)
    _require_open(vote)
    if vote.mode != VoteMode.CIRCULATION:
        raise WrongVoteMode(
            _("This vote is taken at a meeting: the secretary records each member's vote.")
        )
    if vote.deadline_passed_at(moment):
        raise VotingEnded()
    if seat.pk not in {other.pk for other in seats_on_opening(vote)}:
        raise NotEligible()
    _check_not_recused(vote, seat, own=True)
    _check_choice(choice)
    ballot, previous = _store_ballot(vote, seat, choice, actor, moment)
    audit_log(
        actor=actor,
        verb=OpinionVerb.BALLOT_CHANGED if previous is not None else OpinionVerb.BALLOT_CAST,
        target=vote,
        data={"member": seat.pk, "choice": choice, "previous": previous},
    )
    return ballot


def _meeting_vote(vote: Vote, actor: Any) -> Vote:
    vote = _locked_vote(vote)
    if not permissions.can_record_meeting(actor, vote, now=now()):
        raise NotAllowed(_("Only the secretary or the chair records a meeting's votes."))
    _require_open(vote)
    if vote.mode != VoteMode.MEETING:
        raise WrongVoteMode(_("This vote is by circulation: members vote online themselves."))
    return vote


@transaction.atomic
def attendance_record(
    *, vote: Vote, actor: Any, present_member_ids: Iterable[int]
) -> list[Attendance]:
    """Record who is present at the meeting (every other member entitled to vote is
    absent). Recording again replaces the list; a member with a recorded vote cannot be
    marked absent. Audited."""
    vote = _meeting_vote(vote, actor)
    seats = {seat.pk: seat for seat in seats_on_opening(vote)}
    present = set(present_member_ids)
    unknown = sorted(present - set(seats))
    if unknown:
        raise ValidationError(
            {
                "present_member_ids": _("These are not members entitled to this vote: %(ids)s.")
                % {"ids": ", ".join(map(str, unknown))}
            }
        )
    voted_absent = [
        seats[member_id]
        for member_id in Ballot.objects.filter(vote=vote)
        .exclude(member_id__in=present)
        .values_list("member_id", flat=True)
    ]
    if voted_absent:
        names = ", ".join(str(seat.user) for seat in voted_absent)
        raise InvalidInput(
            _("%(names)s already have a recorded vote, so cannot be marked absent.")
            % {"names": names},
            extra={"fields": {"present_member_ids": [names]}},
        )
    Attendance.objects.filter(vote=vote).delete()
    rows = Attendance.objects.bulk_create(
        [Attendance(vote=vote, member=seat, present=seat.pk in present) for seat in seats.values()]
    )
    audit_log(
        actor=actor,
        verb=OpinionVerb.VOTE_ATTENDANCE_RECORDED,
        target=vote,
        data={"present": sorted(present)},
    )
    return rows


@transaction.atomic
def ballot_record(*, vote: Vote, actor: Any, member: TermMember, choice: str) -> Ballot:
    """Record a present member's vote at a meeting (the secretary or the chair); recording
    again corrects it until the vote is closed. Audited."""
    vote = _meeting_vote(vote, actor)
    attendance = {row.member_id: row.present for row in Attendance.objects.filter(vote=vote)}
    if not attendance:
        raise AttendanceMissing()
    _seat_in_vote(vote, member)
    if not attendance.get(member.pk, False):
        raise InvalidInput(
            _("%(name)s is recorded as absent. Correct the attendance first.")
            % {"name": member.user},
            extra={"fields": {"member": [_("Recorded as absent.")]}},
        )
    _check_not_recused(vote, member, own=False)
    _check_choice(choice)
    ballot, previous = _store_ballot(vote, member, choice, actor, now())
    audit_log(
        actor=actor,
        verb=OpinionVerb.BALLOT_RECORDED,
        target=vote,
        data={"member": member.pk, "choice": choice, "previous": previous},
    )
    return ballot


# --- Closing ----------------------------------------------------------------------------


def _result_for(vote: Vote, moment: dt.datetime) -> tuple[VoteResult, dict[int, str]]:
    ballots = dict(Ballot.objects.filter(vote=vote).values_list("member_id", "choice"))
    eligible = eligible_member_ids(vote, at=moment, voted=ballots)
    recused = _recused_ids(vote)
    present: set[int] | None = None
    if vote.mode == VoteMode.MEETING:
        present = set(
            Attendance.objects.filter(vote=vote, present=True).values_list("member_id", flat=True)
        )
    result = compute_result(
        rules=Rules(quorum=vote.quorum_rule, majority=vote.majority_rule),
        eligible_member_ids=eligible,
        recused_member_ids=recused,
        ballots=ballots,
        present_member_ids=present,
    )
    return result, ballots


def _check_may_close(vote: Vote, moment: dt.datetime) -> None:
    ballots = set(Ballot.objects.filter(vote=vote).values_list("member_id", flat=True))
    recused = _recused_ids(vote)
    if vote.mode == VoteMode.CIRCULATION:
        if vote.deadline_passed_at(moment):
            return
        waiting = eligible_member_ids(vote, at=moment, voted=ballots) - recused - ballots
        if waiting:
            raise VoteStillRunning(extra={"missing": len(waiting)})
        return
    attendance = dict(Attendance.objects.filter(vote=vote).values_list("member_id", "present"))
    if not attendance:
        raise AttendanceMissing()
    missing = [
        member_id
        for member_id, present in attendance.items()
        if present and member_id not in recused and member_id not in ballots
    ]
    if missing:
        raise MeetingIncomplete(extra={"missing": sorted(missing)})


@transaction.atomic
def vote_close(*, vote: Vote, actor: Any) -> Vote:
    """Close a vote (the secretary or the chair) and decide the position by its result.

    A circulation vote closes after its deadline, or earlier once every member entitled
    to vote has voted; a meeting vote once attendance and every present member's vote are
    recorded. The result is computed from the rules the vote opened with
    (``voting.compute_result``) and stored with them. Adopted: the position takes the next
    number of the year (gapless, under a row lock) and, for an opinion on a consultation,
    is delivered to it (marked late if the consultation has closed). Audited.
    """
    position = locked_position(vote.position)
    vote = _locked_vote(vote)
    vote.position = position
    moment = now()
    if not permissions.can_close_vote(actor, vote, now=moment):
        raise NotAllowed(_("Only the secretary or the chair can close a vote."))
    _require_open(vote)
    _check_may_close(vote, moment)
    result, _ballots = _result_for(vote, moment)

    vote.closed_by = actor
    vote.closed_at = moment
    vote.outcome = VoteOutcome.ADOPTED if result.adopted else VoteOutcome.REJECTED
    vote.votes_for = result.votes_for
    vote.votes_against = result.votes_against
    vote.abstentions = result.abstentions
    vote.eligible = result.eligible
    vote.recused = result.recused
    vote.participated = result.participated
    vote.quorum_required = result.quorum_required
    vote.quorum_reached = result.quorum_reached
    vote.majority_required = result.majority_required
    vote.rule_description = result.rule_description
    vote.save()

    if result.adopted:
        _adopt(position, actor, moment)
    else:
        position.status = PositionStatus.REJECTED
        position.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        verb=OpinionVerb.VOTE_CLOSED,
        target=vote,
        data={
            "position": position.pk,
            "outcome": vote.outcome,
            "for": result.votes_for,
            "against": result.votes_against,
            "abstentions": result.abstentions,
            "eligible": result.eligible,
            "participated": result.participated,
            "quorum_reached": result.quorum_reached,
            "rule": result.rule_description,
        },
    )
    return vote


def _adopt(position: Position, actor: Any, moment: dt.datetime) -> None:
    year = local_day(moment).year
    position.number = numbering.next_number(council=position.term.council, year=year)
    position.year = year
    position.adopted_at = moment
    position.status = PositionStatus.ADOPTED
    position.save(update_fields=["number", "year", "adopted_at", "status", "updated_at"])
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_ADOPTED,
        target=position,
        data={"number": position.number_label, "year": year},
    )
    if position.kind == PositionKind.CONSULTATION_OPINION and position.consultation is not None:
        items = PositionItem.objects.filter(position=position).select_related("provision")
        council = position.term.council
        council_submission_deliver(
            consultation=position.consultation,
            actor=actor,
            reference=f"{position.title} — {council.name}",
            council_name=council.name,
            external_id=str(position.pk),
            items=[SubmittedItem(text=item.text, provision=item.provision) for item in items],
            delivered_at=moment,
        )
