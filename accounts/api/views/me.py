"""The signed-in user: their profile, memberships and official posts, and their API token."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors, services
from accounts.api.serializers import (
    MeOutputSerializer,
    ProfileUpdateInputSerializer,
    TokenOutputSerializer,
)
from accounts.api.views.base import signed_in
from accounts.models import User
from core.api import error_responses
from core.api_base import ActionApi, ApiView


class MeApi(ActionApi[None]):
    input_serializer_class = ProfileUpdateInputSerializer
    output_serializer_class = MeOutputSerializer
    error_statuses = (400, 401)

    def perform(self, obj: None, data: dict[str, Any]) -> User:
        user = signed_in(self.request)
        services.user_update_profile(
            user=user,
            actor=user,
            full_name=data.get("full_name", user.full_name),
            language=data.get("language", user.language),
            grammatical_gender=data.get("grammatical_gender"),
        )
        return user

    def reread(self, obj: None, result: User) -> User:
        return selectors.user_with_memberships(user=result)

    @extend_schema(
        tags=["me"],
        summary="The logged-in user, with memberships and official posts",
        responses={200: MeOutputSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        return Response(self.serialize(self.reread(None, signed_in(request))))

    @extend_schema(tags=["me"], summary="Change the logged-in user's name or language")
    def patch(self, request: Request) -> Response:
        return self.act()


class MeTokenApi(ApiView):
    """Two writes with different answers (a new token, nothing): plain handlers."""

    @extend_schema(
        tags=["me"],
        summary="Replace the API token with a new one",
        description="The old token stops working at once.",
        request=None,
        responses={201: TokenOutputSerializer, **error_responses(401)},
    )
    def post(self, request: Request) -> Response:
        token = services.api_token_rotate(user=signed_in(request))
        return Response(TokenOutputSerializer({"token": token.key}).data, status=201)

    @extend_schema(
        tags=["me"],
        summary="Revoke the API token",
        request=None,
        responses={204: None, **error_responses(401)},
    )
    def delete(self, request: Request) -> Response:
        services.api_token_revoke(user=signed_in(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
