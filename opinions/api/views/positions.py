"""Positions and their items: decided ones public, drafts written by the council's members."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from consultations.models import Comment
from core.api import error_responses
from core.api_base import ActionApi, ApiView
from opinions import selectors, services
from opinions.api.filters import PositionFilter
from opinions.api.permissions import CanEditPosition, CanWithdrawPosition
from opinions.api.serializers import (
    ItemAddInputSerializer,
    ItemMoveInputSerializer,
    ItemRevisionOutputSerializer,
    ItemsFromCommentsInputSerializer,
    ItemUpdateInputSerializer,
    NoteOutputSerializer,
    PickerCommentOutputSerializer,
    PositionCreateInputSerializer,
    PositionDetailOutputSerializer,
    PositionListOutputSerializer,
    PositionUpdateInputSerializer,
    TextInputSerializer,
    WithdrawInputSerializer,
)
from opinions.api.views.base import ItemAction, ItemAnswer, PositionAction, invalid
from opinions.exceptions import NoCurrentTerm
from opinions.models import ItemNote, Position, PositionItem, PositionItemRevision, Term

# --- Positions --------------------------------------------------------------------------


class PositionListApi(ActionApi[None], generics.ListAPIView[Position]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    serializer_class = PositionListOutputSerializer
    filterset_class = PositionFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["created_at", "updated_at", "adopted_at"]
    input_serializer_class = PositionCreateInputSerializer
    output_serializer_class = PositionDetailOutputSerializer
    success_status = status.HTTP_201_CREATED
    error_statuses = (400, 401, 403, 404, 409)  # a named term that is not visible: 404

    def get_queryset(self) -> QuerySet[Position]:
        return selectors.position_list(viewer=self.request.user)

    def _term(self, pk: int | None) -> Term:
        if pk is not None:
            return selectors.term_get_for(viewer=self.request.user, pk=pk)
        current = selectors.term_current()
        if current is None:
            raise NoCurrentTerm()
        return current

    def perform(self, obj: None, data: dict[str, Any]) -> Position:
        term = self._term(data.pop("term", None))
        consultation_id = data.pop("consultation", None)
        consultation = selectors.consultation_for_position(pk=consultation_id)
        if consultation_id is not None and consultation is None:
            raise invalid("consultation", _("No published consultation has this id."))
        return services.position_create(
            term=term, actor=self.request.user, consultation=consultation, **data
        )

    def reread(self, obj: None, result: Position) -> Position:
        return selectors.position_get_for(viewer=self.request.user, pk=result.pk)

    @extend_schema(
        summary="Positions: decided ones for everyone, drafts for the council",
        description=(
            "Adopted and rejected positions are public. Council members also see the drafts "
            "and votes of their term; an organisation sees the positions it asked for. "
            "Filters: kind, status, consultation (id), term (id), q (subject)."
        ),
        responses={200: PositionListOutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Start a draft position (council members)",
        description=(
            "In the current term unless another term is named. An opinion on a consultation "
            "names the consultation; an opinion on an offer and a recommendation name the "
            "organisation concerned."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()


class PositionDetailApi(PositionAction):
    input_serializer_class = PositionUpdateInputSerializer

    def perform(self, obj: Position, data: dict[str, Any]) -> None:
        expected_revision = data.pop("expected_revision")
        services.position_update(
            position=obj, actor=self.request.user, expected_revision=expected_revision, **data
        )

    @extend_schema(
        summary="One position with its items, their sources, amendments and notes, and votes",
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        summary="Change a draft's subject, justification or organisation concerned",
        description="Send the revision you edited: a stale one is refused with 409.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()

    @extend_schema(
        summary="Delete a draft (its drafter, the chair or the secretary)",
        description=(
            "Only a draft, with its items, their history and notes. Adopted, rejected and "
            "withdrawn positions stay in the record (409); a draft an organisation asked "
            "for is withdrawn instead (409)."
        ),
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.position_delete(position=self.load_and_check(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PositionWithdrawApi(PositionAction):
    write_permission_classes = [IsAuthenticated, CanWithdrawPosition]
    input_serializer_class = WithdrawInputSerializer

    def perform(self, obj: Position, data: dict[str, Any]) -> None:
        services.position_withdraw(
            position=obj, actor=self.request.user, reason=data.get("reason", "")
        )

    @extend_schema(summary="Withdraw a draft (its drafter, the chair or the secretary)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class PositionItemListApi(ItemAnswer, PositionAction):
    input_serializer_class = ItemAddInputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: Position, data: dict[str, Any]) -> PositionItem:
        provision_id = data.get("provision")
        provision = selectors.provision_for_position(position=obj, pk=provision_id)
        if provision_id is not None and provision is None:
            raise invalid("provision", _("Not a provision of the consulted act version."))
        return services.item_add(
            position=obj, actor=self.request.user, text=data["text"], provision=provision
        )

    @extend_schema(summary="Write a new item at the end of a draft (council members)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class PositionItemsFromCommentsApi(ItemAnswer, PositionAction):
    input_serializer_class = ItemsFromCommentsInputSerializer
    output_many = True
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: Position, data: dict[str, Any]) -> list[PositionItem]:
        wanted = list(dict.fromkeys(data["comments"]))
        comments = {
            comment.pk: comment
            for comment in selectors.comment_picker(position=obj).filter(pk__in=wanted)
        }
        unknown = [pk for pk in wanted if pk not in comments]
        if unknown:
            raise invalid(
                "comments",
                _("Not submitted comments of this consultation: %(ids)s.")
                % {"ids": ", ".join(map(str, unknown))},
            )
        return services.items_from_comments(
            position=obj,
            actor=self.request.user,
            comments=[comments[pk] for pk in wanted],
            merge=data["merge"],
        )

    def reread(self, obj: Any, result: list[PositionItem]) -> list[PositionItem]:
        return [selectors.item_with_details(item=item) for item in result]

    @extend_schema(
        summary="Turn NGO comments of the consultation into items (council members)",
        description=(
            "One item per comment, with its provision, or with merge one item joining them. "
            "Each item keeps the comments it grew from."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class PositionCommentPickerApi(ApiView, generics.ListAPIView[Comment]):
    permission_classes = [IsAuthenticated, CanEditPosition]
    serializer_class = PickerCommentOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Comment]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no position
            return Comment.objects.none()
        position = selectors.position_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, position)
        return selectors.comment_picker(
            position=position,
            filters={
                "provision": self.request.query_params.get("provision"),
                "organisation": self.request.query_params.get("organisation"),
            },
        )

    @extend_schema(
        summary="The consultation's comments to pull into the position (council members)",
        parameters=[
            OpenApiParameter("provision", int, required=False, description="A provision's id."),
            OpenApiParameter(
                "organisation", int, required=False, description="An organisation's id."
            ),
        ],
        responses={
            200: PickerCommentOutputSerializer(many=True),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# --- Items ------------------------------------------------------------------------------


class ItemDetailApi(ItemAction):
    input_serializer_class = ItemUpdateInputSerializer

    def perform(self, obj: PositionItem, data: dict[str, Any]) -> PositionItem:
        return services.item_update(
            item=obj,
            actor=self.request.user,
            expected_revision=data["expected_revision"],
            text=data["text"],
        )

    @extend_schema(
        summary="One item with its sources, amendments and notes",
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        summary="Change an item's text (council members, drafts only)",
        description=(
            "Send the revision you edited. If someone changed the item since, the change is "
            "refused with 409 and the message shows the current text (also in "
            "extra.current_text and extra.current_revision)."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()

    @extend_schema(
        summary="Remove an item from a draft (council members); the next ones move up",
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.item_delete(item=self.load_and_check(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ItemMoveApi(ItemAction):
    input_serializer_class = ItemMoveInputSerializer

    def perform(self, obj: PositionItem, data: dict[str, Any]) -> PositionItem:
        return services.item_move(item=obj, actor=self.request.user, order=data["order"])

    @extend_schema(summary="Move an item to another number (council members, drafts only)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class ItemRevisionListApi(ApiView, generics.ListAPIView[PositionItemRevision]):
    permission_classes = [AllowAny]
    serializer_class = ItemRevisionOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[PositionItemRevision]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no item
            return PositionItemRevision.objects.none()
        item = selectors.item_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
        return selectors.item_revision_list(item=item)

    @extend_schema(
        summary="The history of an item's text, oldest first",
        responses={200: ItemRevisionOutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ItemNoteListApi(ItemAction):
    input_serializer_class = TextInputSerializer
    output_serializer_class = NoteOutputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: PositionItem, data: dict[str, Any]) -> ItemNote:
        return services.note_add(item=obj, actor=self.request.user, text=data["text"])

    def reread(self, obj: Any, result: ItemNote) -> ItemNote:
        return result  # the note as written names all it shows

    @extend_schema(summary="Write a note in the margin of an item (council members)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
