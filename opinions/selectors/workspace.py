"""The council workspace: what a person has to do in the council today."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from accounts.viewer import as_viewer
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
    user_id: int | None = None

    @property
    def drafts_i_lead(self) -> list[Position]:
        """The draft positions the member leads (as drafter), from those already read."""
        if self.user_id is None:
            return []
        return [
            position
            for position in self.positions_by_status.get(PositionStatus.DRAFT, [])
            if position.drafter_id == self.user_id
        ]

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
        term=term,
        seat=seat,
        positions_by_status={status: [] for status in WORKSPACE_STATUSES},
        user_id=getattr(user, "pk", None),
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
    workspace.open_votes = _open_votes(term, seat)
    workspace.votes_awaiting_ballot = _awaiting_ballot(workspace.open_votes, seat)
    workspace.amendments_to_decide = list(_amendments_to_decide(term, seat, user))
    workspace.requests = list(
        CouncilRequest.objects.filter(term=term)
        .select_related("organisation", "requested_by", "position__council")
        .prefetch_related("attachments")
        .order_by("-created_at", "-pk")
    )


def _open_votes(term: Term, seat: TermMember) -> list[Any]:
    return list(
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


def _awaiting_ballot(open_votes: list[Any], seat: TermMember) -> list[Vote]:
    """The open circulation votes still taking ballots that the member may cast and has
    not (not recused, seated when the vote opened)."""
    now = timezone.now()
    return [
        vote
        for vote in open_votes
        if vote.is_circulation
        and vote.accepts_ballots_at(now)
        and not vote.has_my_ballot
        and not vote.am_recused
        and seat.joined_on <= timezone.localdate(vote.opened_at)
    ]


def _amendments_to_decide(term: Term, seat: TermMember, user: Any) -> QuerySet[Amendment]:
    # The chair decides every amendment; a member those on the positions they draft.
    decides = Q() if seat.office == Office.CHAIR else Q(item__position__drafter=user)
    return (
        Amendment.objects.filter(
            decides,
            status=AmendmentStatus.PROPOSED,
            item__position__term=term,
            item__position__status=PositionStatus.DRAFT,
        )
        .select_related("item__position__council", "proposed_by")
        .order_by("proposed_at", "pk")
    )


@dataclass
class CouncilWork:
    """What waits for a council member in the current term (the workspace has more)."""

    term: Term
    seat: TermMember
    votes_awaiting_ballot: list[Vote] = field(default_factory=list)
    amendments_to_decide: list[Amendment] = field(default_factory=list)
    drafts_i_lead: list[Position] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.votes_awaiting_ballot or self.amendments_to_decide or self.drafts_i_lead)


def council_work_for(*, viewer: Any) -> CouncilWork | None:
    """For a member of the current term: the votes waiting for their ballot, the amendments
    waiting for their decision and the draft positions they lead; None for anyone else.

    Five queries: the current term, the seat (once per request), the open votes (with the
    member's ballot and recusal), the amendments, the drafts."""
    term = term_current()
    seat = permissions.council_seat(viewer, term) if term is not None else None
    if term is None or seat is None:
        return None
    user = as_viewer(viewer).user
    return CouncilWork(
        term=term,
        seat=seat,
        votes_awaiting_ballot=_awaiting_ballot(_open_votes(term, seat), seat),
        amendments_to_decide=list(_amendments_to_decide(term, seat, user)),
        drafts_i_lead=list(
            Position.objects.filter(term=term, status=PositionStatus.DRAFT, drafter=user)
            .select_related("council", "consultation")
            .annotate(item_count=Count("items", distinct=True))
            .order_by("-updated_at", "-pk")
        ),
    )
