"""Requests from organisations for the council's opinion on an offer or a
recommendation, and the officers' decisions on them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import JSONParser, error_responses
from core.api_base import ActionApi
from opinions import selectors, services
from opinions.api.permissions import CanDecideRequest
from opinions.api.serializers import (
    RequestDeclineInputSerializer,
    RequestDetailOutputSerializer,
    RequestInputSerializer,
    RequestOutputSerializer,
)
from opinions.models import CouncilRequest


class RequestListApi(ActionApi[None], generics.ListAPIView[CouncilRequest]):
    permission_classes = [IsAuthenticated]
    serializer_class = RequestOutputSerializer
    filter_backends: list[Any] = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    input_serializer_class = RequestInputSerializer
    output_serializer_class = RequestOutputSerializer
    success_status = status.HTTP_201_CREATED

    def get_queryset(self) -> QuerySet[CouncilRequest]:
        return selectors.request_list(viewer=self.request.user)

    def perform(self, obj: None, data: dict[str, Any]) -> CouncilRequest:
        attachments = data.pop("attachments", [])
        return services.request_submit(actor=self.request.user, attachments=attachments, **data)

    def reread(self, obj: None, result: CouncilRequest) -> CouncilRequest:
        return selectors.request_get_for(viewer=self.request.user, pk=result.pk)

    @extend_schema(
        summary="Requests to the council: your organisations' ones, or your term's",
        responses={200: RequestOutputSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Ask the council for an opinion on an offer or a recommendation",
        description=(
            "A representative of a verified organisation, with up to five attachments "
            "(multipart, checked by content). The request becomes a draft position of that "
            "kind in the current term, which you can follow."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()


class RequestAction(ActionApi[CouncilRequest]):
    permission_classes = [IsAuthenticated]
    write_permission_classes = [IsAuthenticated, CanDecideRequest]
    output_serializer_class = RequestDetailOutputSerializer

    def load(self) -> CouncilRequest:
        return selectors.request_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def get_output_context(self, shown: CouncilRequest) -> dict[str, Any]:
        return {
            "progress": selectors.request_progress_for(
                viewer=self.request.user, council_request=shown
            )
        }


class RequestDetailApi(RequestAction):
    @extend_schema(
        summary="One request, with its position's progress",
        responses={200: RequestDetailOutputSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()


class RequestAcceptApi(RequestAction):
    def perform(self, obj: CouncilRequest, data: dict[str, Any]) -> None:
        services.request_accept(request=obj, actor=self.request.user)

    @extend_schema(summary="Take a request up (the chair or the secretary)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class RequestDeclineApi(RequestAction):
    input_serializer_class = RequestDeclineInputSerializer

    def perform(self, obj: CouncilRequest, data: dict[str, Any]) -> None:
        services.request_decline(request=obj, actor=self.request.user, reason=data["reason"])

    @extend_schema(summary="Decline a request, with the reason (the chair or the secretary)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
