"""The inbox and the preferences through the API: a user sees and changes only their own;
another user's item is a 404, like one that does not exist."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.api_base import ActionApi, ApiView
from notifications import selectors, services
from notifications.api.serializers import (
    NotificationOutputSerializer,
    PreferencesSerializer,
    ReadAllOutputSerializer,
)
from notifications.models import Delivery

TAGS = ["notifications"]


def _user_id(request: Request) -> int:
    user_id = request.user.pk
    assert isinstance(user_id, int), "IsAuthenticated lets only users in"
    return user_id


@extend_schema(tags=TAGS)
class NotificationListApi(ApiView, generics.ListAPIView[Delivery]):
    serializer_class = NotificationOutputSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Delivery]:
        if getattr(self, "swagger_fake_view", False):  # the schema's generation
            return Delivery.objects.none()
        return selectors.inbox_for(user_id=_user_id(self.request))

    @extend_schema(
        summary="My notifications, newest first",
        description="The signed-in user's inbox: every notification, read or not.",
        responses={200: NotificationOutputSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=TAGS)
class NotificationReadApi(ActionApi[Delivery]):
    permission_classes = [IsAuthenticated]
    output_serializer_class = NotificationOutputSerializer
    error_statuses = [401, 404]

    def load(self) -> Delivery:
        item = selectors.inbox_item_for(user_id=_user_id(self.request), pk=self.kwargs["pk"])
        if item is None:
            raise Http404
        return item

    def perform(self, obj: Delivery, data: dict[str, Any]) -> None:
        services.notification_mark_read(user=self.request.user, notification_id=obj.pk)

    @extend_schema(
        summary="Mark one of my notifications read",
        description="Marking a read notification again changes nothing.",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


@extend_schema(tags=TAGS)
class NotificationReadAllApi(ActionApi[None]):
    permission_classes = [IsAuthenticated]
    output_serializer_class = ReadAllOutputSerializer
    error_statuses = [401]

    def perform(self, obj: None, data: dict[str, Any]) -> dict[str, int]:
        return {"marked": services.notifications_mark_all_read(user=self.request.user)}

    @extend_schema(summary="Mark all my notifications read")
    def post(self, request: Request) -> Response:
        return self.act()


@extend_schema(tags=TAGS)
class PreferencesApi(ActionApi[None]):
    permission_classes = [IsAuthenticated]
    input_serializer_class = PreferencesSerializer
    output_serializer_class = PreferencesSerializer
    error_statuses = [400, 401]

    def perform(self, obj: None, data: dict[str, Any]) -> dict[str, str]:
        for category, mode in data.items():
            services.preference_set(user=self.request.user, category=category, mode=mode)
        return selectors.preferences_for(user_id=_user_id(self.request))

    @extend_schema(
        summary="How I am told about each category",
        responses={200: PreferencesSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            PreferencesSerializer(selectors.preferences_for(user_id=_user_id(request))).data
        )

    @extend_schema(
        summary="Choose how I am told about each category",
        description=(
            "Give the categories to change (the others stay). Applies to notifications from "
            "now on; receipts and account security e-mails are always sent."
        ),
    )
    def put(self, request: Request) -> Response:
        return self.act()
