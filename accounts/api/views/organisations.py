"""Organisations: public to read when verified, registered by any signed-in user, changed
by their representatives, verified or rejected by officials."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors, services
from accounts.api.filters import OrganisationFilter
from accounts.api.permissions import CanDecideOrganisation, CanEditOrganisation
from accounts.api.serializers import (
    OrganisationDetailOutputSerializer,
    OrganisationInputSerializer,
    OrganisationListOutputSerializer,
    OrganisationRejectInputSerializer,
)
from accounts.api.views.base import signed_in
from accounts.models import Organisation
from core.api import error_responses
from core.api_base import ActionApi, SerializerClass


@extend_schema(tags=["organisations"])
class OrganisationAnswer(ActionApi[Any]):
    """Answers with one organisation read again through the selector: the same
    annotations and prefetches as a plain GET."""

    output_serializer_class: SerializerClass = OrganisationDetailOutputSerializer

    def reread(self, obj: Any, result: Organisation) -> Organisation:
        return selectors.organisation_detail_for(viewer=self.request.user, pk=result.pk)


class OrganisationListApi(OrganisationAnswer, ActionApi[None], generics.ListAPIView[Organisation]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    serializer_class = OrganisationListOutputSerializer
    filterset_class = OrganisationFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "id"]
    input_serializer_class = OrganisationInputSerializer
    success_status = status.HTTP_201_CREATED
    error_statuses = (400, 401, 403)

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.organisation_list(viewer=self.request.user)

    def perform(self, obj: None, data: dict[str, Any]) -> Organisation:
        return services.organisation_register(actor=signed_in(self.request), **data)

    @extend_schema(
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
        summary="Register an organisation",
        description=(
            "The organisation awaits verification by an official; whoever registers it "
            "becomes its representative. KRS, NIP and REGON are checked."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()


class OrganisationAction(OrganisationAnswer, ActionApi[Organisation]):
    """On one organisation, loaded as the viewer may see it."""

    def load(self) -> Organisation:
        return selectors.organisation_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class OrganisationDetailApi(OrganisationAction):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanEditOrganisation]
    input_serializer_class = OrganisationInputSerializer
    input_partial = True
    error_statuses = (400, 401, 403, 404)

    def perform(self, obj: Organisation, data: dict[str, Any]) -> Organisation:
        return services.organisation_update(organisation=obj, actor=signed_in(self.request), **data)

    @extend_schema(summary="One organisation")
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            self.serialize(selectors.organisation_detail_for(viewer=request.user, pk=pk))
        )

    @extend_schema(
        summary="Change an organisation's details (its representatives, administrators)",
        description=(
            "A verified organisation's name, KRS, NIP and REGON change only when an "
            "administrator approves: a representative's new values are answered as "
            "pending_change, and the organisation keeps its current ones until then. The "
            "other details, and those of an organisation not yet verified, change at once."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()


class OrganisationDecision(OrganisationAction):
    write_permission_classes = [IsAuthenticated, CanDecideOrganisation]


class OrganisationVerifyApi(OrganisationDecision):
    def perform(self, obj: Organisation, data: dict[str, Any]) -> Organisation:
        return services.organisation_verify(organisation=obj, actor=signed_in(self.request))

    @extend_schema(
        summary="Verify an organisation (officials, administrators)",
        description="From now on the organisation and its representatives may act.",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class OrganisationRejectApi(OrganisationDecision):
    input_serializer_class = OrganisationRejectInputSerializer

    def perform(self, obj: Organisation, data: dict[str, Any]) -> Organisation:
        return services.organisation_reject(
            organisation=obj, actor=signed_in(self.request), reason=data["reason"]
        )

    @extend_schema(summary="Reject an organisation, giving the reason (officials, administrators)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
