"""Pure predicates: who may do what in the council. Deny by default.

Council members are the active members (``TermMember``) of a term while it is current;
officers are its chair and secretary. Whether a position is still a draft or a vote still
open is the services' question (a conflict, 409), not a lack of rights. Decided positions
(adopted, rejected) are public with their votes; drafts are seen by the council, by
administrators and, for a position made from a request, by the requesting organisation.
Former members and officials read public things only.

Each predicate takes the viewer (``accounts.viewer.Viewer``); given a user, it uses the
request's viewer when the user is the request's (``as_viewer``), otherwise a new one. The
viewer's seat in a term is read once per term and day and remembered by the viewer
(``Viewer.remember``) for the rest of the request, so a page asking several questions
about one term pays for one query; nothing is kept on the user object, so a seat given,
changed or ended shows in the next request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts import permissions as account_permissions
from accounts.models import Organisation
from accounts.viewer import Viewer, as_viewer
from opinions.models import (
    Amendment,
    Council,
    CouncilRequest,
    Office,
    Position,
    PositionStatus,
    Term,
    TermMember,
    Vote,
)

OFFICERS = frozenset({Office.CHAIR, Office.SECRETARY})


def _today(now: dt.datetime | None) -> dt.date:
    return timezone.localdate(now) if now is not None else timezone.localdate()


def _seat_key(term: Term, day: dt.date) -> tuple[str, int, dt.date]:
    return ("council_seat", term.pk, day)


def _read_seat(viewer: Viewer, term: Term, day: dt.date) -> TermMember | None:
    return (
        TermMember.objects.active_on(day)
        .filter(term_id=term.pk, user_id=viewer.pk)
        .select_related("organisation", "user")
        .first()
    )


def council_seat(viewer: Any, term: Term, *, now: dt.datetime | None = None) -> TermMember | None:
    """The viewer's seat in ``term`` when the term is current and the viewer an active
    member of it; otherwise None. Read once per viewer, term and day."""
    viewer = as_viewer(viewer)
    if not viewer.is_authenticated:
        return None
    day = _today(now)
    if not term.is_current_on(day):
        return None
    return viewer.remember(_seat_key(term, day), lambda: _read_seat(viewer, term, day))


def is_council_member(viewer: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return council_seat(viewer, term, now=now) is not None


def holds_office(
    viewer: Any, term: Term, offices: frozenset[str], *, now: dt.datetime | None = None
) -> bool:
    viewer = as_viewer(viewer)
    seat = council_seat(viewer, term, now=now)
    return seat is not None and seat.office in offices


def is_officer(viewer: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    """The chair or the secretary: they open and close votes and record meetings."""
    viewer = as_viewer(viewer)
    return holds_office(viewer, term, OFFICERS, now=now)


def is_officer_of_a_current_term(viewer: Any, *, now: dt.datetime | None = None) -> bool:
    """The chair or the secretary of any council's current term (the role
    ``council_officer`` that two-factor login may be required of). Read once per viewer
    and day."""
    viewer = as_viewer(viewer)
    if not viewer.is_authenticated:
        return False
    day = _today(now)

    def read() -> bool:
        return (
            TermMember.objects.active_on(day)
            .filter(
                term__starts_on__lte=day,
                term__ends_on__gte=day,
                user_id=viewer.pk,
                office__in=OFFICERS,
            )
            .exists()
        )

    return viewer.remember(("council_officer", day), read)


def is_chair(viewer: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return holds_office(viewer, term, frozenset({Office.CHAIR}), now=now)


# --- Terms ------------------------------------------------------------------------------


def can_create_term(viewer: Any, council: Council, *, now: dt.datetime | None = None) -> bool:
    """Administrators, and the chair or secretary of the council's current term."""
    viewer = as_viewer(viewer)
    if account_permissions.is_administrator(viewer):
        return True
    if not viewer.is_authenticated:
        return False
    day = _today(now)
    return (
        TermMember.objects.active_on(day)
        .filter(
            term__council=council,
            term__starts_on__lte=day,
            term__ends_on__gte=day,
            user_id=viewer.pk,
            office__in=OFFICERS,
        )
        .exists()
    )


def can_manage_term(viewer: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    """Add and end members, change offices and rules: administrators and the term's
    officers."""
    viewer = as_viewer(viewer)
    return account_permissions.is_administrator(viewer) or is_officer(viewer, term, now=now)


# --- Positions --------------------------------------------------------------------------


def is_requester(viewer: Any, position: Position) -> bool:
    """The person who asked for the position, or a member of the organisation that did."""
    viewer = as_viewer(viewer)
    if position.request_id is None or not viewer.is_authenticated:
        return False
    request = position.request
    assert request is not None
    return request.requested_by_id == viewer.pk or account_permissions.is_member_of(
        viewer, request.organisation
    )


def can_view_position(viewer: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    if position.is_public or account_permissions.is_administrator(viewer):
        return True
    return is_council_member(viewer, position.term, now=now) or is_requester(viewer, position)


def can_view_term_report(viewer: Any, term: Term) -> bool:
    """The term report (its page and its document): everyone. A term, its members and the
    positions it adopted are public, and the report says nothing else (only closed votes'
    counts, no draft)."""
    return True


def can_create_position(viewer: Any, term: Term, *, now: dt.datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return is_council_member(viewer, term, now=now)


def can_edit_position(viewer: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    """Edit the subject, justification and items, pull comments in, write notes: any
    member of the council in the position's term."""
    viewer = as_viewer(viewer)
    return is_council_member(viewer, position.term, now=now)


def can_propose_amendment(
    viewer: Any, position: Position, *, now: dt.datetime | None = None
) -> bool:
    viewer = as_viewer(viewer)
    return is_council_member(viewer, position.term, now=now)


def can_decide_amendment(
    viewer: Any, amendment: Amendment, *, now: dt.datetime | None = None
) -> bool:
    """The position's drafter or the chair."""
    viewer = as_viewer(viewer)
    position = amendment.item.position
    seat = council_seat(viewer, position.term, now=now)
    if seat is None:
        return False
    return seat.office == Office.CHAIR or position.drafter_id == viewer.pk


def can_withdraw_position(
    viewer: Any, position: Position, *, now: dt.datetime | None = None
) -> bool:
    """The drafter or an officer."""
    viewer = as_viewer(viewer)
    seat = council_seat(viewer, position.term, now=now)
    if seat is None:
        return False
    return seat.office in OFFICERS or position.drafter_id == viewer.pk


def can_delete_position(viewer: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    """Delete a draft outright: who may withdraw it (its drafter or an officer), while it
    is a draft not asked for by an organisation (a request's draft is withdrawn, so the
    request keeps its answer)."""
    return (
        position.status == PositionStatus.DRAFT
        and position.request_id is None
        and can_withdraw_position(viewer, position, now=now)
    )


# --- Votes ------------------------------------------------------------------------------


def can_open_vote(viewer: Any, position: Position, *, now: dt.datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return is_officer(viewer, position.term, now=now)


def can_view_vote(viewer: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return can_view_position(viewer, vote.position, now=now)


def can_cast_ballot(viewer: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    """A member of the council; whether they are eligible, recused or too late is the
    service's answer."""
    viewer = as_viewer(viewer)
    return is_council_member(viewer, vote.position.term, now=now)


def can_record_meeting(viewer: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    """Record attendance and the votes cast at a meeting: the secretary or the chair."""
    viewer = as_viewer(viewer)
    return is_officer(viewer, vote.position.term, now=now)


def can_close_vote(viewer: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return is_officer(viewer, vote.position.term, now=now)


def can_declare_recusal(
    viewer: Any, vote: Vote, member: TermMember, *, now: dt.datetime | None = None
) -> bool:
    """A member declares their own conflict of interest; an officer records one."""
    viewer = as_viewer(viewer)
    seat = council_seat(viewer, vote.position.term, now=now)
    if seat is None:
        return False
    return seat.pk == member.pk or seat.office in OFFICERS


def can_see_ballots(viewer: Any, vote: Vote, *, now: dt.datetime | None = None) -> bool:
    """Who voted how: public once the vote is closed; while it runs, only the officers
    (who need to see who has not voted yet)."""
    viewer = as_viewer(viewer)
    if not vote.is_open:
        return can_view_vote(viewer, vote, now=now)
    return account_permissions.is_administrator(viewer) or is_officer(
        viewer, vote.position.term, now=now
    )


# --- Requests ---------------------------------------------------------------------------


def can_submit_request(viewer: Any, organisation: Organisation) -> bool:
    """A representative of a verified organisation."""
    viewer = as_viewer(viewer)
    return account_permissions.can_act_for_organisation(viewer, organisation)


def can_view_request(
    viewer: Any, request: CouncilRequest, *, now: dt.datetime | None = None
) -> bool:
    viewer = as_viewer(viewer)
    if not viewer.is_authenticated:
        return False
    if account_permissions.is_administrator(viewer) or request.requested_by_id == viewer.pk:
        return True
    if is_council_member(viewer, request.term, now=now):
        return True
    return account_permissions.is_member_of(viewer, request.organisation)


def can_decide_request(
    viewer: Any, request: CouncilRequest, *, now: dt.datetime | None = None
) -> bool:
    viewer = as_viewer(viewer)
    return is_officer(viewer, request.term, now=now)
