"""The accounts REST API: API tokens, the user's profile, organisations and memberships.

Each handler validates its input, calls one selector or service and serializes the
result. Objects are loaded through selectors, so one the viewer may not see is a 404;
permission classes then refuse changes to a visible object with a 403. Services check
the same predicates again and raise domain errors, which ``core.api`` renders.
"""

from __future__ import annotations

from typing import Any, cast

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, user_logged_in
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import Throttled
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.api.filters import MembershipFilter, OrganisationFilter
from accounts.api.permissions import (
    CanDecideMembership,
    CanDecideOrganisation,
    CanEditOrganisation,
    CanRevokeMembership,
)
from accounts.api.serializers import (
    ActivityAreaOutputSerializer,
    DepartmentOutputSerializer,
    MembershipApproveInputSerializer,
    MembershipOutputSerializer,
    MembershipRequestInputSerializer,
    MembershipRoleInputSerializer,
    MeOutputSerializer,
    OrganisationDetailOutputSerializer,
    OrganisationInputSerializer,
    OrganisationListOutputSerializer,
    OrganisationRejectInputSerializer,
    ProfileUpdateInputSerializer,
    TokenObtainInputSerializer,
    TokenOutputSerializer,
)
from accounts.models import ActivityArea, Department, Membership, Organisation, User
from core.api import ScopedRateThrottle, error_responses
from core.exceptions import InvalidInput
from core.idempotency import HEADER as IDEMPOTENCY_HEADER
from core.idempotency import idempotent

IDEMPOTENCY_KEY = OpenApiParameter(
    name=IDEMPOTENCY_HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    description=str(
        _("Send a unique key to make a retried request safe: a retry gets the first answer.")
    ),
)


def _current_user(request: Request) -> User:
    # Only reached behind IsAuthenticated, so the user is a real account.
    return cast(User, request.user)


# --- Log in: API tokens -----------------------------------------------------------------


class LoginLockedOut(Throttled):
    default_code = "login_locked_out"


class TokenObtainApi(APIView):
    # No session authentication here: a login must not need a CSRF token, and the
    # throttle below counts attempts per client address.
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        tags=["auth"],
        summary="Log in: exchange an e-mail address and password for an API token",
        description=(
            "Returns the user's API token, creating it on first use. Send it as "
            "'Authorization: Token <token>'. Failed attempts are throttled per client "
            "address and locked out per e-mail address and client address."
        ),
        request=TokenObtainInputSerializer,
        responses={200: TokenOutputSerializer, **error_responses(400, 429)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenObtainInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes needs the request to count the failure. It is DRF's request, so the
        # lockout flag axes sets stays on it and AxesMiddleware, which looks at Django's
        # request, does not swap this JSON answer for the HTML lockout page.
        user = authenticate(
            request=request,
            username=serializer.validated_data["email"].strip().lower(),
            password=serializer.validated_data["password"],
        )
        if user is None:
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                raise LoginLockedOut(wait=cool_off.total_seconds() if cool_off else None)
            raise InvalidInput(
                _(
                    "The e-mail address or the password is wrong. Check both and try again, "
                    "or reset your password."
                ),
                code="invalid_credentials",
            )
        # Lets axes clear the failures counted so far and Django record the last login.
        user_logged_in.send(sender=type(user), request=request, user=user)
        token = services.api_token_obtain(user=cast(User, user))
        return Response(TokenOutputSerializer({"token": token.key}).data)


# --- The logged-in user -----------------------------------------------------------------


class MeApi(APIView):
    @extend_schema(
        tags=["me"],
        summary="The logged-in user, with memberships and official posts",
        responses={200: MeOutputSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        user = selectors.user_with_memberships(user=_current_user(request))
        return Response(MeOutputSerializer(user).data)

    @extend_schema(
        tags=["me"],
        summary="Change the logged-in user's name or language",
        request=ProfileUpdateInputSerializer,
        responses={200: MeOutputSerializer, **error_responses(400, 401)},
    )
    def patch(self, request: Request) -> Response:
        user = _current_user(request)
        serializer = ProfileUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_update_profile(
            user=user,
            actor=user,
            full_name=serializer.validated_data.get("full_name", user.full_name),
            language=serializer.validated_data.get("language", user.language),
        )
        return Response(MeOutputSerializer(selectors.user_with_memberships(user=user)).data)


class MeTokenApi(APIView):
    @extend_schema(
        tags=["me"],
        summary="Replace the API token with a new one",
        description="The old token stops working at once.",
        request=None,
        responses={201: TokenOutputSerializer, **error_responses(401)},
    )
    def post(self, request: Request) -> Response:
        token = services.api_token_rotate(user=_current_user(request))
        return Response(TokenOutputSerializer({"token": token.key}).data, status=201)

    @extend_schema(
        tags=["me"],
        summary="Revoke the API token",
        request=None,
        responses={204: None, **error_responses(401)},
    )
    def delete(self, request: Request) -> Response:
        services.api_token_revoke(user=_current_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Organisations ----------------------------------------------------------------------


def _organisation_response(request: Request, organisation: Organisation, **kwargs: Any) -> Response:
    # Read back through the selector: the answer carries the same annotations and
    # prefetches as a plain GET.
    organisation = selectors.organisation_get_for(viewer=request.user, pk=organisation.pk)
    return Response(OrganisationDetailOutputSerializer(organisation).data, **kwargs)


class OrganisationListApi(generics.ListAPIView[Organisation]):
    serializer_class = OrganisationListOutputSerializer
    filterset_class = OrganisationFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "id"]

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.organisation_list(viewer=self.request.user)

    @extend_schema(
        tags=["organisations"],
        summary="Organisations",
        description=(
            "Verified organisations for everyone; a user also sees the ones they belong to "
            "or asked to join; officials and administrators see all, so only they find a "
            "use for the status filter."
        ),
        responses={200: OrganisationListOutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["organisations"],
        summary="Register an organisation",
        description=(
            "The organisation awaits verification by an official; whoever registers it "
            "becomes its representative. KRS, NIP and REGON are checked."
        ),
        request=OrganisationInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: OrganisationDetailOutputSerializer, **error_responses(400, 401)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        serializer = OrganisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_register(
            actor=_current_user(request), **serializer.validated_data
        )
        return _organisation_response(request, organisation, status=201)


class OrganisationDetailApi(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanEditOrganisation()]

    @extend_schema(
        tags=["organisations"],
        summary="One organisation",
        responses={200: OrganisationDetailOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        organisation = selectors.organisation_get_for(viewer=request.user, pk=pk)
        return Response(OrganisationDetailOutputSerializer(organisation).data)

    @extend_schema(
        tags=["organisations"],
        summary="Change an organisation's details (its representatives, administrators)",
        request=OrganisationInputSerializer,
        responses={
            200: OrganisationDetailOutputSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        organisation = selectors.organisation_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, organisation)
        serializer = OrganisationInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.organisation_update(
            organisation=organisation, actor=_current_user(request), **serializer.validated_data
        )
        return _organisation_response(request, organisation)


class OrganisationVerifyApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideOrganisation]

    @extend_schema(
        tags=["organisations"],
        summary="Verify an organisation (officials, administrators)",
        description="From now on the organisation and its representatives may act.",
        request=None,
        responses={
            200: OrganisationDetailOutputSerializer,
            **error_responses(401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        organisation = selectors.organisation_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, organisation)
        services.organisation_verify(organisation=organisation, actor=_current_user(request))
        return _organisation_response(request, organisation)


class OrganisationRejectApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideOrganisation]

    @extend_schema(
        tags=["organisations"],
        summary="Reject an organisation, giving the reason (officials, administrators)",
        request=OrganisationRejectInputSerializer,
        responses={
            200: OrganisationDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        organisation = selectors.organisation_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, organisation)
        serializer = OrganisationRejectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.organisation_reject(
            organisation=organisation,
            actor=_current_user(request),
            reason=serializer.validated_data["reason"],
        )
        return _organisation_response(request, organisation)


# --- Memberships ------------------------------------------------------------------------


class OrganisationMemberListApi(generics.ListAPIView[Membership]):
    serializer_class = MembershipOutputSerializer
    filterset_class = MembershipFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no object
            return Membership.objects.none()
        organisation = selectors.organisation_get_for(
            viewer=self.request.user, pk=self.kwargs["pk"]
        )
        return selectors.membership_list_for_organisation(
            viewer=self.request.user, organisation=organisation
        )

    @extend_schema(
        tags=["memberships"],
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
        tags=["memberships"],
        summary="Ask to join an organisation",
        description="Its representatives approve or decline the request.",
        request=MembershipRequestInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: MembershipOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        organisation = selectors.organisation_get_for(viewer=request.user, pk=pk)
        serializer = MembershipRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_request(
            organisation=organisation,
            actor=_current_user(request),
            message=serializer.validated_data.get("message", ""),
        )
        return Response(MembershipOutputSerializer(membership).data, status=201)


class MembershipListApi(generics.ListAPIView[Membership]):
    serializer_class = MembershipOutputSerializer
    filterset_class = MembershipFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Membership.objects.none()
        return selectors.membership_list_for_user(user=_current_user(self.request))

    @extend_schema(
        tags=["memberships"],
        summary="My memberships, requests to join and past memberships",
        responses={200: MembershipOutputSerializer(many=True), **error_responses(400, 401)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MembershipDetailApi(APIView):
    @extend_schema(
        tags=["memberships"],
        summary="One membership (its member, the organisation's members, officials)",
        responses={200: MembershipOutputSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = selectors.membership_get_for(viewer=request.user, pk=pk)
        return Response(MembershipOutputSerializer(membership).data)


_MEMBERSHIP_DECISION_ERRORS = error_responses(400, 401, 403, 404, 409)


class MembershipApproveApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideMembership]

    @extend_schema(
        tags=["memberships"],
        summary="Approve a request to join (the organisation's representatives)",
        request=MembershipApproveInputSerializer,
        responses={200: MembershipOutputSerializer, **_MEMBERSHIP_DECISION_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = selectors.membership_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, membership)
        serializer = MembershipApproveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_approve(
            membership=membership,
            actor=_current_user(request),
            role=serializer.validated_data["role"],
        )
        return Response(MembershipOutputSerializer(membership).data)


class MembershipDeclineApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideMembership]

    @extend_schema(
        tags=["memberships"],
        summary="Decline a request to join (the organisation's representatives)",
        request=None,
        responses={200: MembershipOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = selectors.membership_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, membership)
        membership = services.membership_decline(
            membership=membership, actor=_current_user(request)
        )
        return Response(MembershipOutputSerializer(membership).data)


class MembershipRevokeApi(APIView):
    permission_classes = [IsAuthenticated, CanRevokeMembership]

    @extend_schema(
        tags=["memberships"],
        summary="End a membership or withdraw a request to join",
        description=(
            "The member may leave; the organisation's representatives and administrators "
            "may end anyone's membership. The last representative cannot leave."
        ),
        request=None,
        responses={200: MembershipOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = selectors.membership_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, membership)
        membership = services.membership_revoke(membership=membership, actor=_current_user(request))
        return Response(MembershipOutputSerializer(membership).data)


class MembershipRoleApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideMembership]

    @extend_schema(
        tags=["memberships"],
        summary="Make a member a representative, or a representative a member",
        request=MembershipRoleInputSerializer,
        responses={200: MembershipOutputSerializer, **_MEMBERSHIP_DECISION_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = selectors.membership_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, membership)
        serializer = MembershipRoleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_set_role(
            membership=membership,
            actor=_current_user(request),
            role=serializer.validated_data["role"],
        )
        return Response(MembershipOutputSerializer(membership).data)


# --- Reference data ---------------------------------------------------------------------


@extend_schema(
    tags=["reference data"],
    summary="The city's departments, with their authority",
    responses={200: DepartmentOutputSerializer(many=True)},
)
class DepartmentListApi(generics.ListAPIView[Department]):
    permission_classes = [AllowAny]
    serializer_class = DepartmentOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Department]:
        return selectors.department_list()


@extend_schema(
    tags=["reference data"],
    summary="Areas of public benefit activity",
    responses={200: ActivityAreaOutputSerializer(many=True)},
)
class ActivityAreaListApi(generics.ListAPIView[ActivityArea]):
    permission_classes = [AllowAny]
    serializer_class = ActivityAreaOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ActivityArea]:
        return selectors.activity_area_list()
