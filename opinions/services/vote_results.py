"""Closing a vote: the result computed from the term's rules, and the position adopted
(numbered, gapless, ``opinions.numbering``, and an opinion on a consultation delivered to
it) or rejected. Lock order as in ``votes``: the position, then the vote."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from consultations.services.council import SubmittedItem, council_submission_deliver
from core.dates import local_day
from core.exceptions import NotAllowed
from core.services import audit_log
from documents.services import document_queue
from opinions import notifications, numbering, permissions
from opinions.documents import POSITION
from opinions.events import OpinionVerb
from opinions.exceptions import AttendanceMissing, MeetingIncomplete, VoteStillRunning
from opinions.models import (
    Attendance,
    Ballot,
    Position,
    PositionItem,
    PositionKind,
    PositionStatus,
    Recusal,
    Vote,
    VoteMode,
    VoteOutcome,
)
from opinions.services.common import locked_position, now
from opinions.services.votes import eligible_member_ids, locked_vote, require_open
from opinions.voting import Rules, VoteResult, compute_result

# --- Closing ----------------------------------------------------------------------------


def _recused_ids(vote: Vote) -> set[int]:
    return set(Recusal.objects.filter(vote=vote).values_list("member_id", flat=True))


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
    vote = locked_vote(vote)
    vote.position = position
    moment = now()
    if not permissions.can_close_vote(actor, vote, now=moment):
        raise NotAllowed(_("Only the secretary or the chair can close a vote."))
    require_open(vote)
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
    notifications.notify_vote_closed(vote)
    if result.adopted:
        notifications.notify_position_adopted(position)
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
    # The resolution's signed PDF, rendered by the worker once the adoption commits.
    document_queue(kind=POSITION, subject=position, actor=actor)
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
