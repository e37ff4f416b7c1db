"""Pure predicates: who may do what in the council. Deny by default.

Council members are the active members (``TermMember``) of a term while it is current;
officers are its chair and secretary. Whether a position is still a draft or a vote still
open is the services' question (a conflict, 409), not a lack of rights. Decided positions
(adopted, rejected) are public with their votes; drafts are seen by the council, by
administrators and, for a position made from a request, by the requesting organisation.
Former members and officials read public things only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts import permissions as account_permissions
from accounts.models import Organisation
from opinions.models import (
    Amendment,
    Council,
    CouncilRequest,
    Office,
    Position,
    Term,
    TermMember,
    Vote,
)

# Seats looked up for a user are kept on the user object, per term and day, so a page or
# an endpoint asking several questions about one term pays for one query.
_SEATS_ATTRIBUTE = "_opinions_seats"


def _today(now: dt.datetime | None) -> dt.date:
    return timezone.localdate(now) if now is not None else timezone.localdate()


def council_seat(user: Any, term: Term, *, now: dt.datetime | None = None) -> TermMember | None:
    """The user's seat in ``term`` when the term is current and the user an active member
    of it; otherwise None."""
    if not account_permissions.is_authenticated(user):
        return None
    day = _today(now)
    if not term.is_current_on(day):
        return None
    cache: dict[tuple[int, dt.date], TermMember | None] = user.__dict__.setdefault(
        _SEATS_ATTRIBUTE, {}
    )
    key = (term.pk, day)
    if key not in cache:
        cache[key] = (
            TermMember.objects.active_on(day)
            .filter(term_id=term.pk, user_id=user.pk)
            .select_related("organisation", "user")
            .first()
        )
    return cache[key]


def remember_seat(user: Any, term: Term, seat: TermMember | None, *, day: dt.date) -> None:
    """Tell the cache what a selector already loaded (saves the query)."""
    if account_permissions.is_authenticated(user):
        user.__dict__.setdefault(_SEATS_ATTRIBUTE, {})[(term.pk, day)] = seat


def forget_seats(user: Any) -> None:
    user.__dict__.pop(_SEATS_ATTRIBUTE, None)


def is_council_member(user: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    return council_seat(user, term, now=now) is not None


def holds_office(
    user: Any, term: Term, offices: frozenset[str], *, now: dt.datetime | None = None
) -> bool:
    seat = council_seat(user, term, now=now)
    return seat is not None and seat.office in offices


def is_officer(user: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    """The chair or the secretary: they open and close votes and record meetings."""
    return holds_office(user, term, frozenset({Office.CHAIR, Office.SECRETARY}), now=now)


def is_chair(user: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    return holds_office(user, term, frozenset({Office.CHAIR}), now=now)


# --- Terms ------------------------------------------------------------------------------


def can_create_term(user: Any, council: Council, *, now: dt.datetime | None = None) -> bool:
    """Administrators, and the chair or secretary of the council's current term."""
    if account_permissions.is_administrator(user):
        return True
    if not account_permissions.is_authenticated(user):
        return False
    day = _today(now)
    return (
        TermMember.objects.active_on(day)
        .filter(
            term__council=council,
            term__starts_on__lte=day,
            term__ends_on__gte=day,
            user_id=user.pk,
            office__in=[Office.CHAIR, Office.SECRETARY],
        )
        .exists()
    )


def can_manage_term(user: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    """Add and end members, change offices and rules: administrators and the term's
    officers."""
    return account_permissions.is_administrator(user) or is_officer(user, term, now=now)


# --- Positions --------------------------------------------------------------------------


def is_requester(user: Any, position: Position) -> bool:
    """The person who asked for the position, or a member of the organisation that did."""
    if position.request_id is None or not account_permissions.is_authenticated(user):
        return False
    request = position.request
    assert request is not None
    return request.requested_by_id == user.pk or account_permissions.is_member_of(
        user, request.organisation
    )


def can_view_position(user: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    if position.is_public or account_permissions.is_administrator(user):
        return True
    return is_council_member(user, position.term, now=now) or is_requester(user, position)


def can_create_position(user: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    return is_council_member(user, term, now=now)


def can_edit_position(user: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    """Edit the subject, justification and items, pull comments in, write notes: any
    member of the council in the position's term."""
    return is_council_member(user, position.term, now=now)


def can_propose_amendment(user: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    return is_council_member(user, position.term, now=now)


def can_decide_amendment(
    user: Any, amendment: Amendment, *, now: dt.datetime | None = None
) -> bool:
    """The position's drafter or the chair."""
    position = amendment.item.position
    seat = council_seat(user, position.term, now=now)
    if seat is None:
        return False
    return seat.office == Office.CHAIR or position.drafter_id == user.pk


def can_withdraw_position(user: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    """The drafter or an officer."""
    seat = council_seat(user, position.term, now=now)
    if seat is None:
        return False
    return seat.office in (Office.CHAIR, Office.SECRETARY) or position.drafter_id == user.pk


# --- Votes ------------------------------------------------------------------------------


def can_open_vote(user: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    return is_officer(user, position.term, now=now)


def can_view_vote(user: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    return can_view_position(user, vote.position, now=now)


def can_cast_ballot(user: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    """A member of the council; whether they are eligible, recused or too late is the
    service's answer."""
    return is_council_member(user, vote.position.term, now=now)


def can_record_meeting(user: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    """Record attendance and the votes cast at a meeting: the secretary or the chair."""
    return is_officer(user, vote.position.term, now=now)


def can_close_vote(user: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    return is_officer(user, vote.position.term, now=now)


def can_declare_recusal(
    user: Any, vote: Vote, member: TermMember, *, now: dt.datetime | None = None
) -> bool:
    """A member declares their own conflict of interest; an officer records one."""
    seat = council_seat(user, vote.position.term, now=now)
    if seat is None:
        return False
    return seat.pk == member.pk or seat.office in (Office.CHAIR, Office.SECRETARY)


def can_see_ballots(user: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    """Who voted how: public once the vote is closed; while it runs, only the officers
    (who need to see who has not voted yet)."""
    if not vote.is_open:
        return can_view_vote(user, vote, now=now)
    return account_permissions.is_administrator(user) or is_officer(
        user, vote.position.term, now=now
    )


# --- Requests ---------------------------------------------------------------------------


def can_submit_request(user: Any, organisation: Organisation) -> bool:
    """A representative of a verified organisation."""
    return account_permissions.can_act_for_organisation(user, organisation)


def can_view_request(user: Any, request: CouncilRequest, *, now: dt.datetime | None = None) -> bool:
    if not account_permissions.is_authenticated(user):
        return False
    if account_permissions.is_administrator(user) or request.requested_by_id == user.pk:
        return True
    if is_council_member(user, request.term, now=now):
        return True
    return account_permissions.is_member_of(user, request.organisation)


def can_decide_request(
    user: Any, request: CouncilRequest, *, now: dt.datetime | None = None
) -> bool:
    return is_officer(user, request.term, now=now)
