"""The API of following (a user's own follows) and of e-mail subscriptions (anyone)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.api_base import ActionApi
from core.client_ip import client_ip
from notifications import follow_selectors, follow_services
from notifications.api.follow_serializers import (
    FollowInputSerializer,
    FollowOutputSerializer,
    SubscriptionAcceptedOutputSerializer,
    SubscriptionInputSerializer,
)
from notifications.follow_models import Follow


class FollowListApi(ActionApi[None]):
    """The signed-in user's follows: list, follow, stop following by kind and id."""

    input_serializer_class = FollowInputSerializer
    output_serializer_class = FollowOutputSerializer
    success_status = status.HTTP_201_CREATED
    error_statuses = (400, 401, 404)

    def perform(self, obj: None, data: dict[str, Any]) -> Follow:
        return follow_services.follow_add(
            user=self.request.user, kind=data["kind"], target_id=data["target_id"]
        )

    def reread(self, obj: None, result: Follow) -> Any:
        return follow_selectors.follow_entry_for(user=self.request.user, follow=result)

    @extend_schema(
        tags=["following"],
        summary="What I follow",
        description=(
            "Each follow with its target's name and page. A target you may no longer see "
            "is left out."
        ),
        responses={200: FollowOutputSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        entries = follow_selectors.follow_list_for(user=request.user)
        return Response(
            FollowOutputSerializer(entries, many=True, context={"request": request}).data
        )

    @extend_schema(
        tags=["following"],
        summary="Follow a department, a topic, a consultation or an act",
        description=(
            "You are then told of what happens to it (new consultations of a department or "
            "on a topic; the news of a consultation or an act). Following it again changes "
            "nothing. 404 for a target that does not exist or that you may not see."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()

    @extend_schema(
        tags=["following"],
        summary="Stop following, by kind and id",
        operation_id="follows_destroy_by_target",
        description="Nothing happens if you did not follow it.",
        parameters=[
            OpenApiParameter("kind", str, required=True),
            OpenApiParameter("target_id", int, required=True),
        ],
        request=None,
        responses={204: None, **error_responses(400, 401)},
    )
    def delete(self, request: Request) -> Response:
        serializer = FollowInputSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        follow_services.follow_remove(
            user=request.user,
            kind=serializer.validated_data["kind"],
            target_id=serializer.validated_data["target_id"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class FollowDetailApi(ActionApi[Follow]):
    """Stopping one of the signed-in user's follows, by its id."""

    success_status = status.HTTP_204_NO_CONTENT
    error_statuses = (401, 404)

    def load(self) -> Follow:
        return follow_selectors.follow_get_for(user=self.request.user, pk=self.kwargs["pk"])

    def perform(self, obj: Follow, data: dict[str, Any]) -> None:
        follow_services.follow_remove(
            user=self.request.user, kind=obj.kind, target_id=obj.target_id
        )

    def reread(self, obj: Follow, result: Any) -> None:
        return None

    @extend_schema(
        tags=["following"],
        summary="Stop following",
        description="404 for a follow that is not yours.",
        request=None,
        responses={204: None, **error_responses(401, 404)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        return self.act()


ACCEPTED_MESSAGE = gettext_noop(
    "If the address can receive mail, a message with a link to confirm the subscription "
    "is on its way."
)


class SubscriptionApi(ActionApi[None]):
    """Anyone subscribes an address to new consultations (double opt-in). The answer is the
    same 202 whatever the address and whatever happened: a known address, one already
    subscribed and one over the rate limit are not told apart. No session, so no CSRF
    token is needed; the general anonymous throttle applies as everywhere."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    honours_idempotency_key = False
    input_serializer_class = SubscriptionInputSerializer
    output_serializer_class = SubscriptionAcceptedOutputSerializer
    success_status = status.HTTP_202_ACCEPTED
    error_statuses = (400, 429)

    def perform(self, obj: None, data: dict[str, Any]) -> dict[str, str]:
        follow_services.subscription_request(
            email=data["email"],
            topic_ids=data["topics"],
            department_ids=data["departments"],
            language=get_language() or "pl",
            client=client_ip(self.request),
        )
        return {"message": _(ACCEPTED_MESSAGE)}

    @extend_schema(
        tags=["following"],
        summary="Subscribe an e-mail address to new consultations",
        description=(
            "No account needed. topics and departments (ids) narrow what is sent; none: "
            "every new consultation. A mail with a link to confirm is sent to the address; "
            "nothing else is sent until it is confirmed, and an unconfirmed request is "
            "deleted after SUBSCRIPTION_CONFIRM_DAYS. The answer is always 202 with the "
            "same body: it never says whether the address is known, subscribed already or "
            "over the limit of requests (SUBSCRIPTION_LIMIT_PER_ADDRESS, "
            "SUBSCRIPTION_LIMIT_PER_CLIENT an hour), in which case nothing is sent."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()
