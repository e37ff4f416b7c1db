"""The council workspace: what a person has to do in the council today."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from opinions import permissions
from opinions.models import (
    Amendment,
    AmendmentStatus,
    Ballot,
    CouncilRequest,
    Office,
    Position,
    PositionStatus,
    Recusal,
    Term,
    TermMember,
    Vote,
)
from opinions.selectors.terms import term_current

WORKSPACE_STATUSES = (PositionStatus.DRAFT, PositionStatus.VOTING)
RECENT_DECIDED = 10
_POSITION_RELATED = ("council", "consultation", "subject_organisation", "drafter", "request")


@dataclass
class Workspace:
    term: Term | None
    seat: TermMember | None
    positions_by_status: dict[str, list[Position]] = field(default_factory=dict)
    recently_decided: list[Position] = field(default_factory=list)
    votes_awaiting_ballot: list[Vote] = field(default_factory=list)
    open_votes: list[Vote] = field(default_factory=list)
    amendments_to_decide: list[Amendment] = field(default_factory=list)
    requests: list[CouncilRequest] = field(default_factory=list)

    @property
    def is_member(self) -> bool:
        return self.seat is not None

    @property
    def is_officer(self) -> bool:
        return self.seat is not None and self.seat.office in (Office.CHAIR, Office.SECRETARY)


def workspace_for(*, user: Any) -> Workspace:
    """For a council member: drafts and positions being voted on in the current term, the
    open votes (those waiting for the member's ballot apart), amendments the member decides
    (as drafter or chair) and the term's requests. For an NGO representative: the requests
    of their organisations. Constant number of queries whatever the amounts."""
    term = term_current()
    seat = permissions.council_seat(user, term) if term is not None else None
    workspace = Workspace(
        term=term, seat=seat, positions_by_status={status: [] for status in WORKSPACE_STATUSES}
    )
    if term is not None and seat is not None:
        _fill_member_workspace(workspace, term, seat, user)
    elif account_permissions.is_authenticated(user):
        workspace.requests = list(
            CouncilRequest.objects.filter(
                Q(requested_by=user)
                | Q(
                    organisation__in=account_selectors.organisations_of_member(user=user).values(
                        "pk"
                    )
                )
            )
            .select_related("organisation", "requested_by", "position__council")
            .prefetch_related("attachments")
            .order_by("-created_at", "-pk")
        )
    return workspace


def _fill_member_workspace(workspace: Workspace, term: Term, seat: TermMember, user: Any) -> None:
    positions = list(
        Position.objects.filter(term=term, status__in=WORKSPACE_STATUSES)
        .select_related(*_POSITION_RELATED)
        .annotate(
            item_count=Count("items", distinct=True),
            pending_amendments=Count(
                "items__amendments",
                filter=Q(items__amendments__status=AmendmentStatus.PROPOSED),
                distinct=True,
            ),
        )
        .order_by("-updated_at", "-pk")
    )
    workspace.positions_by_status = {
        status: [position for position in positions if position.status == status]
        for status in WORKSPACE_STATUSES
    }
    workspace.recently_decided = list(
        Position.objects.filter(
            term=term, status__in=(PositionStatus.ADOPTED, PositionStatus.REJECTED)
        )
        .select_related(*_POSITION_RELATED)
        .order_by("-updated_at", "-pk")[:RECENT_DECIDED]
    )
    open_votes: list[Any] = list(
        Vote.objects.open()
        .filter(position__term=term)
        .select_related("position__council")
        .annotate(
            has_my_ballot=Exists(Ballot.objects.filter(vote=OuterRef("pk"), member=seat)),
            am_recused=Exists(Recusal.objects.filter(vote=OuterRef("pk"), member=seat)),
            ballot_count=Count("ballots", distinct=True),
        )
        .order_by("deadline", "opened_at", "pk")
    )
    workspace.open_votes = open_votes
    now = timezone.now()
    workspace.votes_awaiting_ballot = [
        vote
        for vote in open_votes
        if vote.is_circulation
        and vote.accepts_ballots_at(now)
        and not vote.has_my_ballot
        and not vote.am_recused
        and seat.joined_on <= timezone.localdate(vote.opened_at)
    ]
    # The chair decides every amendment; a member those on the positions they draft.
    decides = Q() if seat.office == Office.CHAIR else Q(item__position__drafter=user)
    workspace.amendments_to_decide = list(
        Amendment.objects.filter(
            decides,
            status=AmendmentStatus.PROPOSED,
            item__position__term=term,
            item__position__status=PositionStatus.DRAFT,
        )
        .select_related("item__position__council", "proposed_by")
        .order_by("proposed_at", "pk")
    )
    workspace.requests = list(
        CouncilRequest.objects.filter(term=term)
        .select_related("organisation", "requested_by", "position__council")
        .prefetch_related("attachments")
        .order_by("-created_at", "-pk")
    )
