"""Votes: who votes, opening and recusals. Ballots (online by circulation, or recorded at a
meeting) are cast in ``ballots``; closing, which computes the result from the term's rules
and adopts or rejects the position, is in ``vote_results``. Adoption numbers the position
(gapless, ``opinions.numbering``) and delivers an opinion on a consultation to that
consultation.

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

from core.dates import local_day
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from opinions import notifications, permissions
from opinions.events import OpinionVerb
from opinions.exceptions import (
    AlreadyRecused,
    EmptyPosition,
    InvalidDeadline,
    NotEligible,
    PendingAmendments,
    VoteClosed,
)
from opinions.models import (
    Amendment,
    AmendmentStatus,
    Ballot,
    Position,
    PositionItem,
    PositionStatus,
    Recusal,
    RequestStatus,
    TermMember,
    Vote,
    VoteMode,
)
from opinions.services.common import locked_position, now, require_current_term

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


def locked_vote(vote: Vote) -> Vote:
    return (
        Vote.objects.select_for_update(of=("self",))
        .select_related("position__term__council", "position__request")
        .get(pk=vote.pk)
    )


def require_open(vote: Vote) -> None:
    if not vote.is_open:
        raise VoteClosed()


def seat_in_vote(vote: Vote, member: TermMember) -> None:
    if member.pk not in {seat.pk for seat in seats_on_opening(vote)}:
        raise NotEligible(
            _("%(name)s was not a member of the council when this vote opened.")
            % {"name": member.user}
        )


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
    taken_up = request is not None and request.status == RequestStatus.SUBMITTED
    if request is not None and taken_up:
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
    notifications.notify_vote_opened(vote)
    if request is not None and taken_up:
        notifications.notify_request_decision(request)  # taken up by opening the vote
    return vote


# --- Recusals ---------------------------------------------------------------------------


@transaction.atomic
def recusal_declare(*, vote: Vote, member: TermMember, actor: Any, reason: str) -> Recusal:
    """A member declares a conflict of interest (or an officer records one): the member
    is left out of this vote and of its quorum base. A ballot they cast already is
    removed. Audited."""
    vote = locked_vote(vote)
    moment = now()
    if not permissions.can_declare_recusal(actor, vote, member, now=moment):
        raise NotAllowed(
            _("Members declare their own conflicts of interest; officers may record them.")
        )
    require_open(vote)
    seat_in_vote(vote, member)
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
