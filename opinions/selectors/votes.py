"""Reads of votes: one vote with its ballots, attendance and recusals, and the members
entitled to vote with what each has done."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from opinions import permissions
from opinions.models import (
    Attendance,
    Ballot,
    BallotChoice,
    Recusal,
    TermMember,
    Vote,
)
from opinions.selectors.positions import position_list


def vote_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Vote]:
    """Votes on the positions the viewer may see, newest first. ``filters``: ``position``
    (id), ``open`` (true/false)."""
    queryset = Vote.objects.filter(position__in=position_list(viewer=viewer).values("pk"))
    filters = filters or {}
    if position := filters.get("position"):
        queryset = queryset.filter(position=getattr(position, "pk", position))
    is_open = filters.get("open")
    if is_open is not None and is_open != "":
        queryset = queryset.filter(closed_at__isnull=str(is_open).lower() in {"1", "true", "yes"})
    return queryset.select_related(
        "position__council", "position__term", "opened_by", "closed_by"
    ).order_by("-opened_at", "-pk")


def vote_get_for(*, viewer: Any, pk: Any) -> Vote:
    """One vote with its position, ballots, attendance and recusals (members with their
    people and organisations). Http404 when the viewer may not see its position."""
    member_related = ("member__user", "member__organisation")
    try:
        vote = (
            Vote.objects.select_related(
                "position__council",
                "position__term",
                "position__consultation",
                "position__subject_organisation",
                "position__request__organisation",
                "opened_by",
                "closed_by",
            )
            .prefetch_related(
                Prefetch(
                    "ballots",
                    queryset=Ballot.objects.select_related(*member_related).order_by(
                        "member__user__full_name", "pk"
                    ),
                ),
                Prefetch(
                    "attendance",
                    queryset=Attendance.objects.select_related(*member_related).order_by(
                        "member__user__full_name", "pk"
                    ),
                ),
                Prefetch(
                    "recusals",
                    queryset=Recusal.objects.select_related(*member_related).order_by(
                        "member__user__full_name", "pk"
                    ),
                ),
            )
            .get(pk=pk)
        )
    except (Vote.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_view_vote(viewer, vote):
        raise Http404
    return vote


@dataclass(frozen=True)
class VoterStatus:
    """A member entitled to a vote and what they have done in it so far."""

    member: TermMember
    choice: str | None
    recused: bool
    present: bool | None  # None: not a meeting, or attendance not recorded


def vote_roll(*, vote: Vote) -> list[VoterStatus]:
    """Every member entitled to the vote (active on the day it opened), with their
    ballot, recusal and attendance. Expects ``vote_get_for``'s prefetches; one query."""
    opened_on = timezone.localdate(vote.opened_at)
    seats = (
        TermMember.objects.active_on(opened_on)
        .filter(term_id=vote.position.term_id)
        .select_related("user", "organisation")
        .order_by("user__full_name", "pk")
    )
    choices = {ballot.member_id: ballot.choice for ballot in vote.ballots.all()}
    recused = {recusal.member_id for recusal in vote.recusals.all()}
    attendance = {row.member_id: row.present for row in vote.attendance.all()}
    return [
        VoterStatus(
            member=seat,
            choice=choices.get(seat.pk),
            recused=seat.pk in recused,
            present=attendance.get(seat.pk) if attendance else None,
        )
        for seat in seats
    ]


def voters_by_choice(*, vote: Vote) -> dict[str, list[str]]:
    """Names of the voters by choice (for, against, abstain), alphabetical. Expects the
    ballots prefetched."""
    names: dict[str, list[str]] = {choice: [] for choice in BallotChoice.values}
    for ballot in vote.ballots.all():
        names[ballot.choice].append(str(ballot.member.user))
    return {choice: sorted(people) for choice, people in names.items()}


def my_ballot(*, vote: Vote, user: Any) -> Ballot | None:
    """The viewer's own ballot in the vote (from the prefetched ballots)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return next((ballot for ballot in vote.ballots.all() if ballot.member.user_id == user.pk), None)


def term_member_of_vote(*, vote: Vote, pk: Any) -> TermMember | None:
    """A member of the vote's term (with person and organisation), or None."""
    try:
        return (
            TermMember.objects.filter(pk=pk, term_id=vote.position.term_id)
            .select_related("user", "organisation")
            .first()
        )
    except (ValueError, TypeError):
        return None
