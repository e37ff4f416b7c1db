"""Who an organisation is: changes of a verified organisation's name or numbers (asked
for through the organisation's PATCH, reviewed here by administrators) and claims to
numbers another registration holds."""

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
from accounts.api.filters import OrganisationChangeFilter, OrganisationClaimFilter
from accounts.api.permissions import CanDecideOrganisationClaim, CanReviewOrganisationChange
from accounts.api.serializers import (
    OrganisationChangeOutputSerializer,
    OrganisationChangeRejectInputSerializer,
    OrganisationClaimDecisionInputSerializer,
    OrganisationClaimInputSerializer,
    OrganisationClaimOutputSerializer,
)
from accounts.api.views.base import signed_in
from accounts.models import OrganisationChange, OrganisationClaim
from core.api import error_responses
from core.api_base import ActionApi, ApiView, SerializerClass


@extend_schema(tags=["organisations"])
class OrganisationChangeListApi(ApiView, generics.ListAPIView[OrganisationChange]):
    serializer_class = OrganisationChangeOutputSerializer
    filterset_class = OrganisationChangeFilter
    filter_backends = [DjangoFilterBackend]
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[OrganisationChange]:
        return selectors.organisation_change_list(viewer=self.request.user)

    @extend_schema(
        summary="Changes of organisations' names and numbers",
        description=(
            "Administrators see every change; representatives those of their organisations. "
            "Filter by status (pending: awaiting review)."
        ),
        responses={
            200: OrganisationChangeOutputSerializer(many=True),
            **error_responses(400, 401),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["organisations"])
class OrganisationChangeAction(ActionApi[OrganisationChange]):
    output_serializer_class: SerializerClass = OrganisationChangeOutputSerializer
    write_permission_classes = [IsAuthenticated, CanReviewOrganisationChange]

    def load(self) -> OrganisationChange:
        return selectors.organisation_change_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class OrganisationChangeApproveApi(OrganisationChangeAction):
    def perform(self, obj: OrganisationChange, data: dict[str, Any]) -> OrganisationChange:
        return services.organisation_change_approve(change=obj, actor=signed_in(self.request))

    @extend_schema(
        summary="Approve a change of name or numbers (administrators)",
        description="The organisation takes the new values; the numbers are checked again.",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class OrganisationChangeRejectApi(OrganisationChangeAction):
    input_serializer_class = OrganisationChangeRejectInputSerializer

    def perform(self, obj: OrganisationChange, data: dict[str, Any]) -> OrganisationChange:
        return services.organisation_change_reject(
            change=obj, actor=signed_in(self.request), reason=data["reason"]
        )

    @extend_schema(summary="Reject a change of name or numbers, giving the reason (administrators)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


@extend_schema(tags=["organisations"])
class OrganisationClaimAnswer(ActionApi[Any]):
    output_serializer_class: SerializerClass = OrganisationClaimOutputSerializer

    def reread(self, obj: Any, result: OrganisationClaim) -> OrganisationClaim:
        return selectors.organisation_claim_get_for(viewer=self.request.user, pk=result.pk)


class OrganisationClaimListApi(
    OrganisationClaimAnswer, ActionApi[None], generics.ListAPIView[OrganisationClaim]
):
    serializer_class = OrganisationClaimOutputSerializer
    filterset_class = OrganisationClaimFilter
    filter_backends = [DjangoFilterBackend]
    permission_classes = [IsAuthenticated]
    input_serializer_class = OrganisationClaimInputSerializer
    success_status = status.HTTP_201_CREATED
    error_statuses = (400, 401, 403, 409)

    def get_queryset(self) -> QuerySet[OrganisationClaim]:
        return selectors.organisation_claim_list(viewer=self.request.user)

    def perform(self, obj: None, data: dict[str, Any]) -> OrganisationClaim:
        return services.organisation_claim_file(actor=signed_in(self.request), **data)

    @extend_schema(
        summary="Claims to organisations' numbers",
        description="Administrators see every claim; anyone else their own.",
        responses={
            200: OrganisationClaimOutputSerializer(many=True),
            **error_responses(400, 401),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Claim numbers another organisation holds",
        description=(
            "When a registration is refused because another organisation (pending or "
            "verified) holds its KRS, NIP or REGON: send the same registration with a "
            "justification. An administrator decides; upheld, the other organisation is "
            "rejected and this one registered, pending verification, with you as its "
            "representative."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()


class OrganisationClaimAction(OrganisationClaimAnswer, ActionApi[OrganisationClaim]):
    read_permission_classes = [IsAuthenticated]
    write_permission_classes = [IsAuthenticated, CanDecideOrganisationClaim]

    def load(self) -> OrganisationClaim:
        return selectors.organisation_claim_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class OrganisationClaimDetailApi(OrganisationClaimAction):
    @extend_schema(summary="One claim (its claimant, administrators)")
    def get(self, request: Request, pk: int) -> Response:
        return self.show()


class OrganisationClaimUpholdApi(OrganisationClaimAction):
    input_serializer_class = OrganisationClaimDecisionInputSerializer

    def perform(self, obj: OrganisationClaim, data: dict[str, Any]) -> OrganisationClaim:
        return services.organisation_claim_uphold(
            claim=obj, actor=signed_in(self.request), reason=data["reason"]
        )

    @extend_schema(
        summary="Uphold a claim (administrators)",
        description=(
            "The organisation holding the numbers is rejected with the reason, which "
            "releases them, and the claimant's organisation is registered, pending "
            "verification."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class OrganisationClaimDismissApi(OrganisationClaimAction):
    input_serializer_class = OrganisationClaimDecisionInputSerializer

    def perform(self, obj: OrganisationClaim, data: dict[str, Any]) -> OrganisationClaim:
        return services.organisation_claim_dismiss(
            claim=obj, actor=signed_in(self.request), reason=data["reason"]
        )

    @extend_schema(summary="Dismiss a claim, giving the reason (administrators)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
