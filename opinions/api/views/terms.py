"""Terms and their members: public to read, changed by administrators and the officers
of the term."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.api_base import ActionApi
from core.exceptions import NotFound
from opinions import selectors, services
from opinions.api.permissions import CanManageTerm
from opinions.api.serializers import (
    MemberAddInputSerializer,
    MemberEndInputSerializer,
    MemberOfficeInputSerializer,
    TermInputSerializer,
    TermMemberOutputSerializer,
    TermOutputSerializer,
)
from opinions.models import Term, TermMember


class TermListApi(ActionApi[None], generics.ListAPIView[Term]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    serializer_class = TermOutputSerializer
    filter_backends: list[Any] = []
    input_serializer_class = TermInputSerializer
    output_serializer_class = TermOutputSerializer
    success_status = status.HTTP_201_CREATED

    def get_queryset(self) -> QuerySet[Term]:
        return selectors.term_list()

    def perform(self, obj: None, data: dict[str, Any]) -> Term:
        council = selectors.council_default()
        if council is None:
            raise NotFound(_("No council is registered yet. An administrator registers it."))
        return services.term_create(council=council, actor=self.request.user, **data)

    def reread(self, obj: None, result: Term) -> Term:
        return selectors.term_get_for(viewer=self.request.user, pk=result.pk)

    @extend_schema(
        summary="The council's terms, newest first",
        responses={200: TermOutputSerializer(many=True)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Set up a term (administrators, officers of the current term)",
        description="Terms of a council never overlap. The rules apply to votes opened in it.",
    )
    def post(self, request: Request) -> Response:
        return self.act()


class TermAction(ActionApi[Term]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanManageTerm]

    def load(self) -> Term:
        return selectors.term_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class TermDetailApi(TermAction):
    input_serializer_class = TermInputSerializer
    input_partial = True
    output_serializer_class = TermOutputSerializer

    def perform(self, obj: Term, data: dict[str, Any]) -> None:
        services.term_update(term=obj, actor=self.request.user, **data)

    @extend_schema(
        summary="One term",
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        summary="Change a term's name, dates or rules (administrators, its officers)",
        description="New rules apply to votes opened afterwards.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()


class TermMemberListApi(TermAction, generics.ListAPIView[TermMember]):
    serializer_class = TermMemberOutputSerializer
    filter_backends: list[Any] = []
    input_serializer_class = MemberAddInputSerializer
    output_serializer_class = TermMemberOutputSerializer
    success_status = status.HTTP_201_CREATED

    def get_queryset(self) -> QuerySet[TermMember]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no term
            return TermMember.objects.none()
        return selectors.member_list(term=self.load())

    def perform(self, obj: Term, data: dict[str, Any]) -> TermMember:
        return services.member_add(term=obj, actor=self.request.user, **data)

    def reread(self, obj: Term, result: TermMember) -> TermMember:
        return selectors.member_get_for(viewer=self.request.user, pk=result.pk)

    @extend_schema(
        summary="A term's members, former ones too (public)",
        responses={200: TermMemberOutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Seat a member in the term (administrators, its officers)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class MemberAction(ActionApi[TermMember]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanManageTerm]
    output_serializer_class = TermMemberOutputSerializer

    def load(self) -> TermMember:
        return selectors.member_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class MemberDetailApi(MemberAction):
    input_serializer_class = MemberOfficeInputSerializer

    def perform(self, obj: TermMember, data: dict[str, Any]) -> None:
        services.member_set_office(member=obj, actor=self.request.user, office=data["office"])

    @extend_schema(
        summary="One council member",
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        summary="Change a member's office (administrators, the term's officers)",
        description="One chair and one secretary at a time.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()


class MemberEndApi(MemberAction):
    input_serializer_class = MemberEndInputSerializer

    def perform(self, obj: TermMember, data: dict[str, Any]) -> None:
        services.member_end(member=obj, actor=self.request.user, left_on=data["left_on"])

    @extend_schema(summary="A member leaves the council (administrators, the term's officers)")
    def post(self, request: Request, pk: int) -> Response:
        return self.act()
