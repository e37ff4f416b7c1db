"""Ballots: a member's own vote by circulation, and at a meeting the attendance and the
votes the secretary or the chair records. Lock order as in ``votes``: the vote's row
serialises its ballots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import InvalidInput, NotAllowed
from core.services import audit_log
from opinions import permissions
from opinions.events import OpinionVerb
from opinions.exceptions import (
    AttendanceMissing,
    MemberRecused,
    NotEligible,
    VotingEnded,
    WrongVoteMode,
)
from opinions.models import Attendance, Ballot, BallotChoice, Recusal, TermMember, Vote, VoteMode
from opinions.services.common import now, require_member
from opinions.services.votes import locked_vote, require_open, seat_in_vote, seats_on_opening

# --- Ballots ----------------------------------------------------------------------------


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
    vote = locked_vote(vote)
    moment = now()
    seat = require_member(actor, vote.position.term, moment=moment)
    require_open(vote)
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
    vote = locked_vote(vote)
    if not permissions.can_record_meeting(actor, vote, now=now()):
        raise NotAllowed(_("Only the secretary or the chair records a meeting's votes."))
    require_open(vote)
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
    seat_in_vote(vote, member)
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
