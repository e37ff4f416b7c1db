"""What the council's API views share: their tag and the objects most actions are on."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from accounts.viewer import request_viewer
from core.api_base import ActionApi, SerializerClass
from opinions import permissions, selectors
from opinions.api.permissions import CanEditPosition
from opinions.api.serializers import (
    ItemOutputSerializer,
    PositionDetailOutputSerializer,
    VoteDetailOutputSerializer,
)
from opinions.models import Position, PositionItem, Vote


def invalid(field: str, message: Any) -> ValidationError:
    return ValidationError({field: [message]})


class PositionAction(ActionApi[Position]):
    """On a position: read by anyone who may see it, changed by council members."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanEditPosition]
    output_serializer_class: SerializerClass = PositionDetailOutputSerializer

    def load(self) -> Position:
        return selectors.position_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class ItemAnswer(ActionApi[Any]):
    """Answers with one item and its sources, amendments and notes."""

    output_serializer_class: SerializerClass = ItemOutputSerializer

    def reread(self, obj: Any, result: Any) -> Any:
        return selectors.item_with_details(item=result)


class ItemAction(ItemAnswer, ActionApi[PositionItem]):
    """On an item of a position, as for its position."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanEditPosition]

    def load(self) -> PositionItem:
        return selectors.item_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def show(self) -> Response:
        return Response(self.serialize(self.reread(None, self.load())))


class VoteAnswer(ActionApi[Any]):
    """Answers with a vote: the tally, the viewer's own ballot and, for those who may see
    them, who voted how and the roll."""

    output_serializer_class: SerializerClass = VoteDetailOutputSerializer

    def get_output_context(self, shown: Vote) -> dict[str, Any]:
        mine = selectors.my_ballot(vote=shown, user=self.request.user)
        context: dict[str, Any] = {"my_choice": mine.choice if mine is not None else None}
        if permissions.can_see_ballots(request_viewer(self.request), shown):
            context["voters"] = selectors.voters_by_choice(vote=shown)
            context["roll"] = selectors.vote_roll(vote=shown)
        return context


class VoteAction(VoteAnswer, ActionApi[Vote]):
    """On a vote: read by anyone who may see its position, changed by council members."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]

    def load(self) -> Vote:
        return selectors.vote_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
