"""The signed-in user: their profile, memberships and official posts, and their API tokens."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors, services
from accounts.api.serializers import (
    ApiTokenCreatedOutputSerializer,
    ApiTokenCreateInputSerializer,
    ApiTokenOutputSerializer,
    MeOutputSerializer,
    ProfileUpdateInputSerializer,
)
from accounts.api.views.base import signed_in
from accounts.models import ApiToken, User
from core.api import error_responses
from core.api_base import ActionApi


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


class MeTokenListApi(ActionApi[None]):
    """The signed-in user's API tokens that still work, and making a new one. A new
    token's answer carries its key, which is stored nowhere (only its hash), so this write
    honours no ``Idempotency-Key``: the stored answer would keep the key."""

    honours_idempotency_key = False

    input_serializer_class = ApiTokenCreateInputSerializer
    output_serializer_class = ApiTokenCreatedOutputSerializer
    success_status = status.HTTP_201_CREATED
    error_statuses = (400, 401)

    def perform(self, obj: None, data: dict[str, Any]) -> ApiToken:
        return services.api_token_create(user=signed_in(self.request), label=data.get("label", ""))

    @extend_schema(
        tags=["me"],
        summary="My API tokens that still work (neither revoked nor expired)",
        description="The keys are not shown: only their first characters (prefix).",
        responses={200: ApiTokenOutputSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        tokens = selectors.api_token_list_for_user(user=signed_in(request))
        return Response(ApiTokenOutputSerializer(tokens, many=True).data)

    @extend_schema(
        tags=["me"],
        summary="Make a new API token",
        description=(
            "The answer carries the key (token), shown only this once. The token expires "
            "after API_TOKEN_TTL_DAYS days (expires_at); the user's other tokens keep "
            "working. A new password revokes all of them."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()


class MeTokenDetailApi(ActionApi[ApiToken]):
    """Revoking one of the signed-in user's tokens that still works."""

    success_status = status.HTTP_204_NO_CONTENT
    error_statuses = (401, 404)

    def load(self) -> ApiToken:
        return selectors.api_token_get_for(user=signed_in(self.request), pk=self.kwargs["pk"])

    def perform(self, obj: ApiToken, data: dict[str, Any]) -> None:
        services.api_token_revoke(token=obj, actor=signed_in(self.request))

    def reread(self, obj: ApiToken, result: Any) -> None:
        return None

    @extend_schema(
        tags=["me"],
        summary="Revoke one of my API tokens",
        description="It stops working at once; revoking the token this request uses logs out.",
        request=None,
        responses={204: None, **error_responses(401, 404)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        return self.act()
