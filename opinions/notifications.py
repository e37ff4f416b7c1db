"""What the council tells people (``notifications.registry``): a draft position shared
with the members for comment, a vote opened, a circulation vote's deadline in 24 hours, a
vote's result, a position adopted, a request accepted or declined.

Who is told is decided here, by the ``*_recipients`` selectors, and nowhere else. Each
``notify_*`` is called inside the transaction of the service that changes the state (the
outbox); the reminder before a deadline is recorded by the beat (``opinions.tasks``) with a
key that makes a second run add nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User
from core.dates import local_day
from notifications import categories, selectors
from notifications.registry import EventType, register
from notifications.services import record
from opinions.models import (
    CouncilRequest,
    Position,
    PositionKind,
    RequestStatus,
    TermMember,
    Vote,
    VoteMode,
    VoteOutcome,
)

POSITION_DRAFTED = "position.drafted"
VOTE_OPENED = "vote.opened"
VOTE_DEADLINE_SOON = "vote.deadline_soon"
VOTE_CLOSED = "vote.closed"
POSITION_ADOPTED = "position.adopted"
REQUEST_ACCEPTED = "council_request.accepted"
REQUEST_DECLINED = "council_request.declined"

# The reminder to members who have not voted comes this long before a circulation vote's
# deadline.
REMIND_BEFORE_DEADLINE = dt.timedelta(hours=24)

# Kinds of position whose requesting organisation is told of the adoption.
KINDS_TOLD_TO_THE_REQUESTER = frozenset({PositionKind.OFFER_OPINION, PositionKind.RECOMMENDATION})

EVENT_TYPES = (
    EventType(
        POSITION_DRAFTED,
        categories.COUNCIL,
        _("A draft position shared for comment"),
        "position_drafted",
    ),
    EventType(VOTE_OPENED, categories.COUNCIL, _("A council vote opened"), "vote_opened"),
    EventType(
        VOTE_DEADLINE_SOON,
        categories.COUNCIL,
        _("A council vote closes in 24 hours"),
        "vote_deadline_soon",
    ),
    EventType(VOTE_CLOSED, categories.COUNCIL, _("The result of a council vote"), "vote_closed"),
    EventType(
        POSITION_ADOPTED,
        categories.COUNCIL,
        _("The council adopted a position"),
        "position_adopted",
    ),
    EventType(
        REQUEST_ACCEPTED,
        categories.COUNCIL,
        _("The council took up your request"),
        "council_request_accepted",
    ),
    EventType(
        REQUEST_DECLINED,
        categories.COUNCIL,
        _("The council declined your request"),
        "council_request_declined",
    ),
)


def register_event_types() -> None:
    for event_type in EVENT_TYPES:
        register(event_type)


# --- Who is told ------------------------------------------------------------------------


def _users_of(seats: QuerySet[TermMember]) -> QuerySet[User]:
    return User.objects.filter(is_active=True, pk__in=seats.values("user_id"))


def members_on(term_id: int, day: dt.date) -> QuerySet[User]:
    """The members of a term on ``day``."""
    return _users_of(TermMember.objects.active_on(day).filter(term_id=term_id))


def drafted_recipients(position: Position, *, actor: Any) -> QuerySet[User]:
    """A new draft, open to the members' notes and amendments: the term's members today,
    but not whoever started it."""
    members = members_on(position.term_id, local_day(timezone.now()))
    actor_id = getattr(actor, "pk", None)
    return members if actor_id is None else members.exclude(pk=actor_id)


def entitled_seats(vote: Vote) -> QuerySet[TermMember]:
    """The seats entitled to vote: active in the term on the day the vote opened, not
    recused from it (the same rule as ``services.votes.seats_on_opening``)."""
    return (
        TermMember.objects.active_on(local_day(vote.opened_at))
        .filter(term_id=vote.position.term_id)
        .exclude(recusals__vote=vote)
    )


def vote_opened_recipients(vote: Vote) -> QuerySet[User]:
    """A vote opened: every member entitled to vote in it (not the recused)."""
    return _users_of(entitled_seats(vote))


def deadline_reminder_recipients(vote: Vote, *, now: dt.datetime) -> QuerySet[User]:
    """24 hours before a circulation vote's deadline: the entitled members who have not
    voted and are still members today."""
    seats = (
        entitled_seats(vote)
        .exclude(ballots__vote=vote)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=local_day(now)))
    )
    return _users_of(seats)


def vote_result_recipients(vote: Vote) -> QuerySet[User]:
    """A result: the term's members on the day it closed."""
    closed_at = vote.closed_at or vote.opened_at
    return members_on(vote.position.term_id, local_day(closed_at))


def position_adopted_recipients(position: Position) -> QuerySet[User]:
    """Adopted: the term's members on the day, and, for an opinion on an offer or a
    recommendation asked for by an organisation, whoever asked and its representatives."""
    adopted_at = position.adopted_at
    members = members_on(position.term_id, local_day(adopted_at or timezone.now()))
    request = position.request
    if position.kind not in KINDS_TOLD_TO_THE_REQUESTER or request is None:
        return members
    representatives = Membership.objects.representatives().filter(
        organisation_id=request.organisation_id
    )
    return User.objects.filter(
        Q(pk__in=members.values("pk"))
        | Q(pk=request.requested_by_id)
        | Q(pk__in=representatives.values("user_id")),
        is_active=True,
    )


def request_decision_recipients(request: CouncilRequest) -> QuerySet[User]:
    """Accepted or declined: whoever filed the request."""
    return User.objects.filter(is_active=True, pk=request.requested_by_id)


# --- Recording ----------------------------------------------------------------------------


def _position_context(position: Position) -> dict[str, Any]:
    return {
        "position_id": position.pk,
        "subject": position.subject,
        "kind": position.kind,
        "number": position.number_label,
        "council": position.term.council.name,
    }


def _vote_context(vote: Vote) -> dict[str, Any]:
    return {
        **_position_context(vote.position),
        "vote_id": vote.pk,
        "circulation": vote.mode == VoteMode.CIRCULATION,
        "deadline": vote.deadline,
        "opened_at": vote.opened_at,
    }


def vote_link(vote: Vote) -> str:
    return reverse("council:vote_detail", kwargs={"pk": vote.pk})


def notify_position_drafted(position: Position, *, actor: Any) -> None:
    record(
        event=POSITION_DRAFTED,
        key=f"{POSITION_DRAFTED}:{position.pk}",
        recipients=drafted_recipients(position, actor=actor),
        context={
            **_position_context(position),
            "drafter": position.drafter.full_name if position.drafter is not None else "",
            "requested": position.request_id is not None,
        },
        link=reverse("council:position_detail", kwargs={"pk": position.pk}),
    )


def notify_vote_opened(vote: Vote) -> None:
    record(
        event=VOTE_OPENED,
        key=f"{VOTE_OPENED}:{vote.pk}",
        recipients=vote_opened_recipients(vote),
        context=_vote_context(vote),
        link=vote_link(vote),
    )


def _deadline_key(vote: Vote) -> str:
    return f"{VOTE_DEADLINE_SOON}:{vote.pk}:{vote.deadline.isoformat() if vote.deadline else ''}"


def notify_deadline_soon(vote: Vote, *, now: dt.datetime) -> None:
    record(
        event=VOTE_DEADLINE_SOON,
        key=_deadline_key(vote),
        recipients=deadline_reminder_recipients(vote, now=now),
        context=_vote_context(vote),
        link=vote_link(vote),
    )


def notify_vote_closed(vote: Vote) -> None:
    record(
        event=VOTE_CLOSED,
        key=f"{VOTE_CLOSED}:{vote.pk}",
        recipients=vote_result_recipients(vote),
        context={
            **_vote_context(vote),
            "adopted": vote.outcome == VoteOutcome.ADOPTED,
            "votes_for": vote.votes_for,
            "votes_against": vote.votes_against,
            "abstentions": vote.abstentions,
            "eligible": vote.eligible,
            "participated": vote.participated,
            "quorum_reached": vote.quorum_reached,
        },
        link=vote_link(vote),
    )


def notify_position_adopted(position: Position) -> None:
    """To members (and a requesting organisation): links the resolution's page, where its
    signed PDF appears; the templates link the PDF itself once it is ready when the mail
    is written (``documents`` template tag)."""
    record(
        event=POSITION_ADOPTED,
        key=f"{POSITION_ADOPTED}:{position.pk}",
        recipients=position_adopted_recipients(position),
        context={**_position_context(position), "adopted_at": position.adopted_at},
        link=reverse("council:resolution_detail", kwargs={"pk": position.pk}),
    )


def notify_request_decision(request: CouncilRequest) -> None:
    """Accepted (also by opening the vote on it) or declined, by the request's status."""
    accepted = request.status == RequestStatus.ACCEPTED
    event = REQUEST_ACCEPTED if accepted else REQUEST_DECLINED
    record(
        event=event,
        key=f"{event}:{request.pk}",
        recipients=request_decision_recipients(request),
        context={
            "request_id": request.pk,
            "subject": request.subject,
            "kind": request.kind,
            "organisation": request.organisation.name,
            "council": request.term.council.name,
            "reason": request.decline_reason,
            "decided_at": request.decided_at,
        },
        link=reverse("council:request_detail", kwargs={"pk": request.pk}),
    )


# --- What the clock decides (the beat, ``opinions.tasks``) --------------------------------


def remind_before_deadlines(*, now: dt.datetime) -> list[int]:
    """Record the reminder of every open circulation vote whose deadline comes within 24
    hours. A second run adds nothing."""
    due = Vote.objects.filter(
        closed_at__isnull=True,
        mode=VoteMode.CIRCULATION,
        deadline__gt=now,
        deadline__lte=now + REMIND_BEFORE_DEADLINE,
    ).select_related("position__term__council")
    votes = list(due)
    keys = [_deadline_key(vote) for vote in votes]
    done = set(
        selectors.events_named(VOTE_DEADLINE_SOON)
        .filter(key__in=keys)
        .values_list("key", flat=True)
    )
    reminded = []
    for vote in votes:
        if _deadline_key(vote) in done:
            continue
        with transaction.atomic():
            notify_deadline_soon(vote, now=now)
        reminded.append(vote.pk)
    return reminded
