"""The legal acts REST API: acts, their versions, the parsed provisions and redlines.

Each handler validates its input, calls one selector or service and serializes the result.
Acts and versions are loaded through selectors, so one the viewer may not see is a 404;
``CanEditAct`` then refuses changes to a visible one with a 403. Services check the same
predicates again and raise domain errors (a published version is a 409), which
``core.api`` renders.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import (
    SAFE_METHODS,
    AllowAny,
    BasePermission,
    IsAuthenticated,
)
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from acts import selectors, services
from acts.api.filters import LegalActFilter
from acts.api.permissions import CanEditAct
from acts.api.serializers import (
    ActDetailOutputSerializer,
    ActInputSerializer,
    ActListOutputSerializer,
    ActWithdrawInputSerializer,
    ProvisionOutputSerializer,
    ProvisionSplitInputSerializer,
    ProvisionUpdateInputSerializer,
    RedlineOutputSerializer,
    SplitOutputSerializer,
    TopicOutputSerializer,
    VersionCreateInputSerializer,
    VersionDetailOutputSerializer,
    VersionReparseInputSerializer,
    VersionSummaryOutputSerializer,
)
from acts.models import ActVersion, LegalAct, Provision, Topic
from acts.redline import compute_redline, to_json
from core.api import JSONParser, error_responses
from core.idempotency import idempotent

TAGS = ["acts"]


class ReadPublicWriteAuthenticated(APIView):
    """GET for anyone (the selectors decide what they see); changes need an account."""

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanEditAct()]


def _act_response(request: Request, act: LegalAct, **kwargs: Any) -> Response:
    # Read back through the selectors: the answer carries what a plain GET carries.
    act = selectors.act_get_for(viewer=request.user, pk=act.pk)
    versions = selectors.version_list_for_act(viewer=request.user, act=act)
    return Response(ActDetailOutputSerializer(act, context={"versions": versions}).data, **kwargs)


def _version(request: Request, pk: Any, number: Any) -> ActVersion:
    return selectors.version_get_for(viewer=request.user, act_pk=pk, number=number)


def _provision_response(provision: Provision, **kwargs: Any) -> Response:
    provision = selectors.provision_list(version=provision.version).get(pk=provision.pk)
    return Response(ProvisionOutputSerializer(provision).data, **kwargs)


# --- Acts -------------------------------------------------------------------------------


class ActListApi(generics.ListAPIView[LegalAct]):
    serializer_class = ActListOutputSerializer
    filterset_class = LegalActFilter
    ordering_fields = ["updated_at", "created_at", "title"]
    ordering = ["-updated_at", "-id"]

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[LegalAct]:
        return selectors.act_list(viewer=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Legal acts",
        description=(
            "Acts with a published version for everyone; officials and administrators also "
            "see drafts. Filters: type, status, authority (id), department (id), topic (slug)."
        ),
        responses={200: ActListOutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Create a draft act (officials of its department, administrators)",
        description="The text comes with the first version: POST it to the act's versions.",
        request=ActInputSerializer,
        responses={201: ActDetailOutputSerializer, **error_responses(400, 401, 403)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        serializer = ActInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        act = services.act_create(actor=request.user, **serializer.validated_data)
        return _act_response(request, act, status=status.HTTP_201_CREATED)


class ActDetailApi(ReadPublicWriteAuthenticated, APIView):
    @extend_schema(
        tags=TAGS,
        summary="One legal act, with the versions you may see",
        responses={200: ActDetailOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        act = selectors.act_get_for(viewer=request.user, pk=pk)
        versions = selectors.version_list_for_act(viewer=request.user, act=act)
        return Response(ActDetailOutputSerializer(act, context={"versions": versions}).data)

    @extend_schema(
        tags=TAGS,
        summary="Change an act's details (officials of its department, administrators)",
        request=ActInputSerializer,
        responses={
            200: ActDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        act = selectors.act_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, act)
        serializer = ActInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.act_update(act=act, actor=request.user, **serializer.validated_data)
        return _act_response(request, act)


class ActWithdrawApi(APIView):
    permission_classes = [IsAuthenticated, CanEditAct]

    @extend_schema(
        tags=TAGS,
        summary="Withdraw an act: no further versions; what was published stays public",
        request=ActWithdrawInputSerializer,
        responses={
            200: ActDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        act = selectors.act_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, act)
        serializer = ActWithdrawInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.act_withdraw(
            act=act, actor=request.user, reason=serializer.validated_data.get("reason", "")
        )
        return _act_response(request, act)


# --- Versions ---------------------------------------------------------------------------


class VersionListApi(ReadPublicWriteAuthenticated, generics.ListAPIView[ActVersion]):
    serializer_class = VersionSummaryOutputSerializer
    filter_backends: list[Any] = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[ActVersion]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no act
            return ActVersion.objects.none()
        act = selectors.act_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
        return selectors.version_list_for_act(viewer=self.request.user, act=act)

    @extend_schema(
        tags=TAGS,
        summary="An act's versions: published ones for everyone, drafts for its editors",
        responses={
            200: VersionSummaryOutputSerializer(many=True),
            **error_responses(404),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Add a version from text (JSON) or from a .docx/.txt file (multipart)",
        description=(
            "The text is parsed into provisions at once; check them and the warnings, "
            "correct them, then publish. An act has at most one unpublished version. "
            "Empty text, an unreadable or oversized file and a .docx with macros or "
            "embedded objects are refused, and nothing is stored."
        ),
        request={
            "application/json": VersionCreateInputSerializer,
            "multipart/form-data": VersionCreateInputSerializer,
        },
        responses={
            201: VersionDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        act = selectors.act_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, act)
        serializer = VersionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = services.version_create(
            act=act,
            actor=request.user,
            text=data.get("text"),
            file=data.get("file"),
            change_note=data.get("change_note", ""),
        )
        return Response(VersionDetailOutputSerializer(version).data, status=201)


class VersionDetailApi(ReadPublicWriteAuthenticated, APIView):
    @extend_schema(
        tags=TAGS,
        summary="One version, with its source text and parse warnings",
        responses={200: VersionDetailOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int, number: int) -> Response:
        version = _version(request, pk, number)
        return Response(VersionDetailOutputSerializer(version).data)

    @extend_schema(
        tags=TAGS,
        summary="Replace an unpublished version's text and parse it again",
        description="Corrections made to its provisions so far are dropped.",
        request=VersionReparseInputSerializer,
        responses={
            200: VersionDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def patch(self, request: Request, pk: int, number: int) -> Response:
        version = _version(request, pk, number)
        self.check_object_permissions(request, version)
        serializer = VersionReparseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.version_reparse(
            version=version,
            actor=request.user,
            text=serializer.validated_data["text"],
            change_note=serializer.validated_data.get("change_note"),
        )
        return Response(VersionDetailOutputSerializer(version).data)


class VersionPublishApi(APIView):
    permission_classes = [IsAuthenticated, CanEditAct]

    @extend_schema(
        tags=TAGS,
        summary="Publish a version: it becomes public and can no longer change",
        request=None,
        responses={
            200: VersionDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int, number: int) -> Response:
        version = _version(request, pk, number)
        self.check_object_permissions(request, version)
        version = services.version_publish(version=version, actor=request.user)
        return Response(VersionDetailOutputSerializer(version).data)


class VersionDiffApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="The redline of a version against another, unit by unit",
        parameters=[
            OpenApiParameter(
                "against",
                int,
                required=False,
                description="The number of the version to compare with; by default the "
                "previous published version.",
            )
        ],
        responses={200: RedlineOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int, number: int) -> Response:
        version = _version(request, pk, number)
        against = selectors.version_against_for(
            viewer=request.user, version=version, against=request.query_params.get("against")
        )
        redline = compute_redline(
            list(selectors.provision_list(version=against)),
            list(selectors.provision_list(version=version)),
        )
        payload = {"version": version.number, "against": against.number, **to_json(redline)}
        return Response(RedlineOutputSerializer(payload).data)


# --- Provisions -------------------------------------------------------------------------


class ProvisionListApi(generics.ListAPIView[Provision]):
    permission_classes = [AllowAny]
    serializer_class = ProvisionOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Provision]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no version
            return Provision.objects.none()
        version = _version(self.request, self.kwargs["pk"], self.kwargs["number"])
        return selectors.provision_list(version=version)

    @extend_schema(
        tags=TAGS,
        summary="A version's provisions, flat and in document order",
        description=(
            "Each unit names its parent (id and label), kind, label, URL anchor, text and "
            "depth; ask for up to 500 per page with page_size."
        ),
        responses={200: ProvisionOutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ProvisionMixin(ReadPublicWriteAuthenticated):
    def get_provision(self, request: Request, pk: Any, number: Any, provision_id: Any) -> Provision:
        version = _version(request, pk, number)
        if request.method not in SAFE_METHODS:
            self.check_object_permissions(request, version)
        return selectors.provision_get_for(viewer=request.user, version=version, pk=provision_id)


class ProvisionDetailApi(ProvisionMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary="One provision",
        responses={200: ProvisionOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        provision = self.get_provision(request, pk, number, provision_id)
        return Response(ProvisionOutputSerializer(provision).data)

    @extend_schema(
        tags=TAGS,
        summary="Correct a provision of an unpublished version: kind, label or text",
        description="A new label gets a new anchor, unique in the version.",
        request=ProvisionUpdateInputSerializer,
        responses={
            200: ProvisionOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def patch(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        provision = self.get_provision(request, pk, number, provision_id)
        serializer = ProvisionUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        provision = services.provision_update(
            provision=provision, actor=request.user, **serializer.validated_data
        )
        return _provision_response(provision)

    @extend_schema(
        tags=TAGS,
        summary="Remove a provision and its sub-units from an unpublished version",
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        provision = self.get_provision(request, pk, number, provision_id)
        services.provision_delete(provision=provision, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProvisionSplitApi(ProvisionMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary="Split a provision's text at a character position into two units",
        description=(
            "The second part follows the first, with the same kind, and takes over its sub-units."
        ),
        request=ProvisionSplitInputSerializer,
        responses={
            201: SplitOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        provision = self.get_provision(request, pk, number, provision_id)
        serializer = ProvisionSplitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        first, second = services.provision_split(
            provision=provision, actor=request.user, **serializer.validated_data
        )
        units = selectors.provision_list(version=provision.version).in_bulk([first.pk, second.pk])
        return Response(
            SplitOutputSerializer({"first": units[first.pk], "second": units[second.pk]}).data,
            status=201,
        )


class ProvisionMergeApi(ProvisionMixin, APIView):
    @extend_schema(
        tags=TAGS,
        summary="Merge a provision into the previous unit at its level",
        description="Returns the unit it was merged into; its sub-units move there too.",
        request=None,
        responses={
            200: ProvisionOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        provision = self.get_provision(request, pk, number, provision_id)
        merged_into = services.provision_merge(provision=provision, actor=request.user)
        return _provision_response(merged_into)


# --- Topics -----------------------------------------------------------------------------


class TopicListApi(generics.ListAPIView[Topic]):
    permission_classes = [AllowAny]
    serializer_class = TopicOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Topic]:
        return selectors.topic_list()

    @extend_schema(
        tags=TAGS,
        summary="Topics used to find acts",
        responses={200: TopicOutputSerializer(many=True)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
