"""Memberships: asking to join an organisation, the decisions of its representatives,
leaving it, and the lists of members and of one's own memberships."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors, services
from accounts.api.filters import MembershipFilter
from accounts.api.permissions import CanDecideMembership, CanRevokeMembership
from accounts.api.serializers import (
    MembershipApproveInputSerializer,
    MembershipOutputSerializer,
    MembershipRequestInputSerializer,
    MembershipRoleInputSerializer,
)
from accounts.api.views.base import signed_in
from accounts.models import Membership, Organisation
from core.api import error_responses
from core.api_base import ActionApi, ApiView, SerializerClass


@extend_schema(tags=["memberships"])
class MembershipAnswer(ActionApi[Any]):
    """Answers with the membership the service returns: it comes with its user and
    organisation, so reading it again would add queries and change nothing."""

    output_serializer_class: SerializerClass = MembershipOutputSerializer

    def reread(self, obj: Any, result: Membership) -> Membership:
        return result


@extend_schema(tags=["memberships"])
class MembershipLists(generics.ListAPIView[Membership]):
    serializer_class = MembershipOutputSerializer
    filterset_class = MembershipFilter
    filter_backends = [DjangoFilterBackend]


class OrganisationMemberListApi(MembershipAnswer, ActionApi[Organisation], MembershipLists):
    input_serializer_class = MembershipRequestInputSerializer
    success_status = status.HTTP_201_CREATED

    def load(self) -> Organisation:
        return selectors.organisation_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no object
            return Membership.objects.none()
        return selectors.membership_list_for_organisation(
            viewer=self.request.user, organisation=self.load()
        )

    def perform(self, obj: Organisation, data: dict[str, Any]) -> Membership:
        return services.membership_request(
            organisation=obj, actor=signed_in(self.request), message=data.get("message", "")
        )

    @extend_schema(
        summary="An organisation's members (its members, officials, administrators)",
        description=(
            "Members see the active members; representatives, officials and administrators "
            "also see requests to join and past memberships."
        ),
        responses={
            200: MembershipOutputSerializer(many=True),
            **error_responses(400, 401, 404),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Ask to join an organisation",
        description="Its representatives approve or decline the request.",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class MembershipListApi(ApiView, MembershipLists):
    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Membership.objects.none()
        return selectors.membership_list_for_user(user=signed_in(self.request))

    @extend_schema(
        summary="My memberships, requests to join and past memberships",
        responses={200: MembershipOutputSerializer(many=True), **error_responses(400, 401)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MembershipAction(MembershipAnswer, ActionApi[Membership]):
    """On one membership, loaded as the viewer may see it (its member, the organisation's
    members, officials); decided by the organisation's representatives."""

    write_permission_classes = [IsAuthenticated, CanDecideMembership]

    def load(self) -> Membership:
        return selectors.membership_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class MembershipDetailApi(MembershipAction):
    @extend_schema(
        summary="One membership (its member, the organisation's members, officials)",
        responses={200: MembershipOutputSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()


class MembershipApproveApi(MembershipAction):
    input_serializer_class = MembershipApproveInputSerializer

    def perform(self, obj: Membership, data: dict[str, Any]) -> Membership:
        return services.membership_approve(
            membership=obj, actor=signed_in(self.request), role=data["role"]
        )

    @extend_schema(summary="Approve a request to join (the organisation's representatives)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class MembershipDeclineApi(MembershipAction):
    def perform(self, obj: Membership, data: dict[str, Any]) -> Membership:
        return services.membership_decline(membership=obj, actor=signed_in(self.request))

    @extend_schema(summary="Decline a request to join (the organisation's representatives)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class MembershipRevokeApi(MembershipAction):
    write_permission_classes = [IsAuthenticated, CanRevokeMembership]

    def perform(self, obj: Membership, data: dict[str, Any]) -> Membership:
        return services.membership_revoke(membership=obj, actor=signed_in(self.request))

    @extend_schema(
        summary="End a membership or withdraw a request to join",
        description=(
            "The member may leave; the organisation's representatives and administrators "
            "may end anyone's membership. The last representative cannot leave."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class MembershipRoleApi(MembershipAction):
    input_serializer_class = MembershipRoleInputSerializer

    def perform(self, obj: Membership, data: dict[str, Any]) -> Membership:
        return services.membership_set_role(
            membership=obj, actor=signed_in(self.request), role=data["role"]
        )

    @extend_schema(summary="Make a member a representative, or a representative a member")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
