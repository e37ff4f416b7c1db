"""Amendments: proposed by council members on a draft's items, decided by the drafter or
the chair."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api_base import ActionApi
from opinions import selectors, services
from opinions.api.permissions import CanDecideAmendment
from opinions.api.serializers import AmendmentOutputSerializer, AmendmentProposeInputSerializer
from opinions.api.views.base import ItemAction
from opinions.models import Amendment, PositionItem


class ItemAmendmentListApi(ItemAction):
    input_serializer_class = AmendmentProposeInputSerializer
    output_serializer_class = AmendmentOutputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: PositionItem, data: dict[str, Any]) -> Amendment:
        return services.amendment_propose(item=obj, actor=self.request.user, **data)

    def reread(self, obj: Any, result: Amendment) -> Amendment:
        return selectors.amendment_get_for(viewer=self.request.user, pk=result.pk)

    @extend_schema(summary="Propose an amendment to an item (council members, drafts only)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class AmendmentAction(ActionApi[Amendment]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanDecideAmendment]
    output_serializer_class = AmendmentOutputSerializer

    def load(self) -> Amendment:
        return selectors.amendment_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class AmendmentDetailApi(AmendmentAction):
    @extend_schema(
        summary="One amendment",
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()


class AmendmentAcceptApi(AmendmentAction):
    def perform(self, obj: Amendment, data: dict[str, Any]) -> None:
        services.amendment_accept(amendment=obj, actor=self.request.user)

    @extend_schema(
        summary="Accept an amendment: the item takes its text (the drafter or the chair)",
        description=(
            "If the item changed after the amendment was proposed, 409 shows the current text."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class AmendmentRejectApi(AmendmentAction):
    def perform(self, obj: Amendment, data: dict[str, Any]) -> None:
        services.amendment_reject(amendment=obj, actor=self.request.user)

    @extend_schema(summary="Reject an amendment (the drafter or the chair)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
