"""What the council's pages share: the position a page is about, the editor's guard, and a
closed vote's result."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse

from accounts.viewer import request_viewer
from opinions import permissions, selectors
from opinions.models import (
    BALLOT_RESULT_HEADINGS,
    BallotChoice,
    Position,
    PositionItem,
    PositionStatus,
    Vote,
)
from opinions.presenters import withheld_item_ids


class PositionMixin:
    """Loads ``self.position`` for the viewer, with its items, amendments, notes and votes
    (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def position(self) -> Position:
        return selectors.position_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def items(self) -> list[PositionItem]:
        """The position's items; each says whether the viewer reads its text
        (``text_withheld``, ``opinions.presenters``)."""
        return mark_withheld(
            request_viewer(self.request), list(self.position.items.all()), self.position
        )

    def item_by_id(self, pk: int) -> PositionItem:
        for item in self.items:
            if item.pk == pk:
                return item
        raise Http404

    def position_url(self, anchor: str = "") -> str:
        url = reverse("council:position_detail", kwargs={"pk": self.kwargs["pk"]})
        return f"{url}#{anchor}" if anchor else url

    def editor_url(self, anchor: str = "") -> str:
        url = reverse("council:position_edit", kwargs={"pk": self.kwargs["pk"]})
        return f"{url}#{anchor}" if anchor else url


class EditorMixin(LoginRequiredMixin, PositionMixin):
    """Pages and buttons that change a position's text: members of the council in its term
    (anyone else gets a 404, as if the page did not exist)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_edit_position(
            request_viewer(request), self.position
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def latest_vote(position: Position) -> Vote | None:
    votes = list(position.votes.all())  # prefetched, newest first
    return votes[0] if votes else None


def vote_result_context(vote: Vote) -> dict[str, Any]:
    """Who voted how in a closed vote, who was present at its meeting and who was recused
    (ballots, attendance and recusals prefetched)."""
    names = selectors.voters_by_choice(vote=vote)
    return {
        "names_by_choice": [
            (BALLOT_RESULT_HEADINGS[choice], names[choice]) for choice in BallotChoice
        ],
        "present": sorted(str(row.member.user) for row in vote.attendance.all() if row.present),
        "recusals": list(vote.recusals.all()),
    }


def mark_withheld(viewer: Any, items: list[PositionItem], position: Position) -> list[PositionItem]:
    """Set ``text_withheld`` on each item (``opinions.presenters``): the one place pages
    decide it. The items need their sources prefetched (``items_with_sources``)."""
    withheld = withheld_item_ids(viewer, items, status=position.status)
    for item in items:
        item.text_withheld = item.pk in withheld  # type: ignore[attr-defined]
    return items


def items_marked_withheld(viewer: Any, position: Position) -> list[PositionItem]:
    """A position's items in order, marked as ``mark_withheld`` does (an adopted
    position's text is as adopted: its sources need not be read)."""
    if position.status == PositionStatus.ADOPTED:
        return mark_withheld(viewer, list(selectors.item_list(position=position)), position)
    items = selectors.items_with_sources().filter(position=position).order_by("order")
    return mark_withheld(viewer, list(items), position)
