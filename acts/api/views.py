"""The legal acts REST API: acts, their versions, the parsed provisions and redlines.

Every view is built on ``core.api_base``: a write loads its act, version or provision
through a selector (one the viewer may not see is a 404), ``CanEditAct`` then refuses
changes to a visible one with a 403, the input is validated, one service is called and
the result serialized; every write honours ``Idempotency-Key``. Services check the same
predicates again and raise domain errors (a published version is a 409), which
``core.api`` renders.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.viewer import request_viewer
from acts import amendment_selectors, selectors, services
from acts.api.filters import LegalActFilter
from acts.api.permissions import CanEditAct
from acts.api.serializers import (
    ActDetailOutputSerializer,
    ActInputSerializer,
    ActListOutputSerializer,
    ActWithdrawInputSerializer,
    ConsolidatedOutputSerializer,
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
from core.api_base import ActionApi, ApiView, SerializerClass
from core.files import Download, FileDownloadApi, download_schema

TAGS = ["acts"]


class ActAnswer(ActionApi[Any]):
    """Answers with the act and the versions the viewer may see, as a GET of it shows it."""

    output_serializer_class: SerializerClass = ActDetailOutputSerializer

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return {"versions": selectors.version_list_for_act(viewer=self.request.user, act=shown)}


class ActAction(ActionApi[LegalAct]):
    """On an act: read by anyone who may see it, changed by its editors."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanEditAct]

    def load(self) -> LegalAct:
        return selectors.act_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class VersionAction(ActionApi[ActVersion]):
    """On a version of an act, as for its act; answers with the version as the service
    left it."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanEditAct]
    output_serializer_class: SerializerClass = VersionDetailOutputSerializer

    def load(self) -> ActVersion:
        return selectors.version_get_for(
            viewer=self.request.user, act_pk=self.kwargs["pk"], number=self.kwargs["number"]
        )

    def reread(self, obj: ActVersion, result: ActVersion) -> ActVersion:
        return result


class ProvisionAction(ActionApi[Provision]):
    """On a provision of a version, as for its version; answers with the provision as
    listed (with its parent's label)."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanEditAct]
    output_serializer_class: SerializerClass = ProvisionOutputSerializer

    def load(self) -> Provision:
        version = selectors.version_get_for(
            viewer=self.request.user, act_pk=self.kwargs["pk"], number=self.kwargs["number"]
        )
        return selectors.provision_get_for(
            viewer=self.request.user, version=version, pk=self.kwargs["provision_id"]
        )

    def reread(self, obj: Provision, result: Any) -> Any:
        return selectors.provision_list(version=obj.version).get(pk=result.pk)


# --- Acts -------------------------------------------------------------------------------


class ActListApi(ActAnswer, generics.ListAPIView[LegalAct]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    serializer_class = ActListOutputSerializer
    filterset_class = LegalActFilter
    ordering_fields = ["updated_at", "created_at", "title"]
    ordering = ["-updated_at", "-id"]
    input_serializer_class = ActInputSerializer
    success_status = status.HTTP_201_CREATED
    error_statuses = (400, 401, 403)

    def get_queryset(self) -> QuerySet[LegalAct]:
        return selectors.act_list(viewer=self.request.user)

    def perform(self, obj: None, data: dict[str, Any]) -> LegalAct:
        return services.act_create(actor=self.request.user, **data)

    def reread(self, obj: None, result: LegalAct) -> LegalAct:
        return selectors.act_get_for(viewer=self.request.user, pk=result.pk)

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
    )
    def post(self, request: Request) -> Response:
        return self.act()


class ActDetailApi(ActAnswer, ActAction):
    input_serializer_class = ActInputSerializer
    input_partial = True

    def perform(self, obj: LegalAct, data: dict[str, Any]) -> None:
        services.act_update(act=obj, actor=self.request.user, **data)

    @extend_schema(tags=TAGS, summary="One legal act, with the versions you may see")
    def get(self, request: Request, pk: int) -> Response:
        return self.show()

    @extend_schema(
        tags=TAGS,
        summary="Change an act's details (officials of its department, administrators)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.act()


class ActWithdrawApi(ActAnswer, ActAction):
    input_serializer_class = ActWithdrawInputSerializer

    def perform(self, obj: LegalAct, data: dict[str, Any]) -> None:
        services.act_withdraw(act=obj, actor=self.request.user, reason=data.get("reason", ""))

    @extend_schema(
        tags=TAGS,
        summary="Withdraw an act: no further versions; what was published stays public",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


# --- Versions ---------------------------------------------------------------------------


class VersionListApi(ActAction, generics.ListAPIView[ActVersion]):
    serializer_class = VersionSummaryOutputSerializer
    filter_backends: list[Any] = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    input_serializer_class = VersionCreateInputSerializer
    output_serializer_class = VersionDetailOutputSerializer
    success_status = status.HTTP_201_CREATED

    def get_queryset(self) -> QuerySet[ActVersion]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no act
            return ActVersion.objects.none()
        return selectors.version_list_for_act(viewer=self.request.user, act=self.load())

    def perform(self, obj: LegalAct, data: dict[str, Any]) -> ActVersion:
        return services.version_create(
            act=obj,
            actor=self.request.user,
            text=data.get("text"),
            file=data.get("file"),
            change_note=data.get("change_note", ""),
        )

    def reread(self, obj: LegalAct, result: ActVersion) -> ActVersion:
        return result  # the version as parsed names all it shows

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
        summary="Add a version from text (JSON) or from a .docx/.odt/.txt file (multipart)",
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
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act()


class VersionDetailApi(VersionAction):
    input_serializer_class = VersionReparseInputSerializer

    def perform(self, obj: ActVersion, data: dict[str, Any]) -> ActVersion:
        return services.version_reparse(
            version=obj,
            actor=self.request.user,
            text=data["text"],
            change_note=data.get("change_note"),
        )

    @extend_schema(tags=TAGS, summary="One version, with its source text and parse warnings")
    def get(self, request: Request, pk: int, number: int) -> Response:
        return self.show()

    @extend_schema(
        tags=TAGS,
        summary="Replace an unpublished version's text and parse it again",
        description="Corrections made to its provisions so far are dropped.",
    )
    def patch(self, request: Request, pk: int, number: int) -> Response:
        return self.act()


class VersionPublishApi(VersionAction):
    error_statuses = (400, 401, 403, 404, 409)

    def perform(self, obj: ActVersion, data: dict[str, Any]) -> ActVersion:
        return services.version_publish(version=obj, actor=self.request.user)

    @extend_schema(
        tags=TAGS, summary="Publish a version: it becomes public and can no longer change"
    )
    def post(self, request: Request, pk: int, number: int) -> Response:
        return self.act()


class VersionDiffApi(ApiView):
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
        version = selectors.version_get_for(viewer=request.user, act_pk=pk, number=number)
        against = selectors.version_against_for(
            viewer=request.user, version=version, against=request.query_params.get("against")
        )
        redline = compute_redline(
            list(selectors.provision_list(version=against)),
            list(selectors.provision_list(version=version)),
        )
        payload = {"version": version.number, "against": against.number, **to_json(redline)}
        return Response(RedlineOutputSerializer(payload).data)


def _consolidated_data(
    version: ActVersion, preview: amendment_selectors.ConsolidatedPreview
) -> dict[str, Any]:
    amendments = preview.amendments
    consolidation = preview.consolidation
    reasons = {id(item.operation): item for item in consolidation.not_applied}
    reference = amendments.reference
    amended = amendments.amended_version
    return {
        "version": version.number,
        "informative": True,
        "reference": None
        if reference is None
        else {
            "act_type": reference.act_type,
            "number": reference.number,
            "issuer": reference.issuer,
            "date": reference.date,
            "subject": reference.subject,
            "citation": reference.citation,
        },
        "amended_act": None
        if amended is None
        else {
            "id": amended.act.pk,
            "title": amended.act.title,
            "number": amended.act.number,
            "version": amended.number,
        },
        "title": consolidation.title,
        "title_changed_by": consolidation.title_changed_by,
        "units": [
            {
                "label": unit.label,
                "kind": unit.kind,
                "text": unit.text,
                "anchor": unit.anchor,
                "depth": unit.depth,
                "changed_by": unit.changed_by,
            }
            for unit in consolidation.units
        ],
        "operations": [
            {
                "source_label": operation.source_label,
                "kind": operation.kind.value,
                "part": operation.part.value,
                "targets": operation.target_labels,
                "after": operation.after.label if operation.after is not None else None,
                "instruction": operation.instruction,
                "wording": operation.wording,
                "applied": id(operation) not in reasons,
                "reason": reasons[id(operation)].reason.value if id(operation) in reasons else None,
                "message": reasons[id(operation)].message if id(operation) in reasons else "",
            }
            for operation in amendments.plan.operations
        ]
        if amended is not None
        else [],
        "unrecognised": [
            {"source_label": item.source_label, "text": item.text}
            for item in amendments.plan.unrecognised
        ],
        "redline": to_json(preview.redline),
    }


class ConsolidatedApi(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="The consolidated text of the act a version amends (informative)",
        description=(
            "For a version of an amending act: the amended act's newest published version "
            "with the version's changes applied (tekst ujednolicony), each unit naming the "
            "amending unit that changed it, the redline against the amended act's text, and "
            "every change with whether it applied and why not. Informative, not legally "
            "binding. Visible to whoever may see the version. The amended act is the one "
            "named in the act's details (amends), or else the one act on the platform with "
            "the number the intro cites; when there is none, amended_act is null and the "
            "text is empty. Changes whose instruction is not recognised are listed in "
            "unrecognised, never guessed."
        ),
        responses={200: ConsolidatedOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int, number: int) -> Response:
        version = selectors.version_get_for(viewer=request.user, act_pk=pk, number=number)
        preview = amendment_selectors.consolidated_preview(version=version)
        return Response(ConsolidatedOutputSerializer(_consolidated_data(version, preview)).data)


# --- Provisions -------------------------------------------------------------------------


class ProvisionListApi(ApiView, generics.ListAPIView[Provision]):
    permission_classes = [AllowAny]
    serializer_class = ProvisionOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Provision]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no version
            return Provision.objects.none()
        version = selectors.version_get_for(
            viewer=self.request.user, act_pk=self.kwargs["pk"], number=self.kwargs["number"]
        )
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


class ProvisionDetailApi(ProvisionAction):
    input_serializer_class = ProvisionUpdateInputSerializer

    def perform(self, obj: Provision, data: dict[str, Any]) -> Provision:
        return services.provision_update(provision=obj, actor=self.request.user, **data)

    @extend_schema(tags=TAGS, summary="One provision")
    def get(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        return self.show()

    @extend_schema(
        tags=TAGS,
        summary="Correct a provision of an unpublished version: kind, label or text",
        description="A new label gets a new anchor, unique in the version.",
    )
    def patch(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        return self.act()

    @extend_schema(
        tags=TAGS,
        summary="Remove a provision and its sub-units from an unpublished version",
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        services.provision_delete(provision=self.load_and_check(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProvisionSplitApi(ProvisionAction):
    input_serializer_class = ProvisionSplitInputSerializer
    output_serializer_class = SplitOutputSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, obj: Provision, data: dict[str, Any]) -> tuple[Provision, Provision]:
        return services.provision_split(provision=obj, actor=self.request.user, **data)

    def reread(self, obj: Provision, result: tuple[Provision, Provision]) -> dict[str, Any]:
        first, second = result
        units = selectors.provision_list(version=obj.version).in_bulk([first.pk, second.pk])
        return {"first": units[first.pk], "second": units[second.pk]}

    @extend_schema(
        tags=TAGS,
        summary="Split a provision's text at a character position into two units",
        description=(
            "The second part follows the first, with the same kind, and takes over its sub-units."
        ),
    )
    def post(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        return self.act()


class ProvisionMergeApi(ProvisionAction):
    error_statuses = (400, 401, 403, 404, 409)

    def perform(self, obj: Provision, data: dict[str, Any]) -> Provision:
        return services.provision_merge(provision=obj, actor=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Merge a provision into the previous unit at its level",
        description="Returns the unit it was merged into; its sub-units move there too.",
    )
    def post(self, request: Request, pk: int, number: int, provision_id: int) -> Response:
        return self.act()


# --- Topics -----------------------------------------------------------------------------


class TopicListApi(ApiView, generics.ListAPIView[Topic]):
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


class VersionSourceApi(FileDownloadApi):
    """The file a version was read from (``/files/act-versions/<id>/source/``)."""

    def locate(self, request: Request, **kwargs: Any) -> Download:
        version = selectors.version_with_source_for(viewer=request_viewer(request), pk=kwargs["pk"])
        return Download(version.source_file, version.source_filename, version.source_content_type)

    @download_schema(
        summary="Download the file a version was read from",
        description=(
            "The .docx, .odt, .pdf or .txt file the version's text was read from. A published "
            "version's file is public; a draft version's stays with the act's editors "
            "(404 for anyone else)."
        ),
    )
    def get(self, request: Request, **kwargs: Any) -> Any:
        return super().get(request, **kwargs)
