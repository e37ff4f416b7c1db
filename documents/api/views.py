"""Documents through the API: ask for one (202), a subject's documents, one document's
status, its file. Whoever may see the subject may see and ask for its documents (the
kind's predicate); asking needs a signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.api_base import ActionApi, ApiView
from documents import selectors, services
from documents.api.serializers import (
    DocumentFilterSerializer,
    DocumentOutputSerializer,
    DocumentRequestInputSerializer,
)
from documents.downloads import serve_document
from documents.exports import DOCX, FORMATS, PDF, XLSX
from documents.models import Document

TAGS = ["documents"]


class DocumentListApi(ActionApi[None]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    input_serializer_class = DocumentRequestInputSerializer
    output_serializer_class = DocumentOutputSerializer
    success_status = 202
    error_statuses = [400, 401, 404]

    def perform(self, obj: None, data: dict[str, Any]) -> Document:
        document, _created = services.document_request(
            kind=data["kind"],
            subject_id=data["subject"],
            viewer=self.request.user,
            actor=self.request.user,
        )
        return document

    @extend_schema(
        tags=TAGS,
        summary="A subject's documents, newest first",
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                required=True,
                description="position, consultation_report, term_report, comment_receipt",
            ),
            OpenApiParameter("subject", int, required=True, description="The subject's id."),
        ],
        responses={200: DocumentOutputSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = DocumentFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        documents = selectors.subject_documents_for(
            viewer=request.user,
            kind=query.validated_data["kind"],
            subject_id=query.validated_data["subject"],
        )
        return Response(DocumentOutputSerializer(documents, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Ask for a subject's PDF document",
        description=(
            "Renders and signs the document of the subject's current data in the background: "
            "answers 202 with the document, queued (poll its status), or with the existing "
            "document when the data has not changed since (a failed one is queued again). "
            "A subject you may not see is a 404."
        ),
    )
    def post(self, request: Request) -> Response:
        return self.act()


class DocumentDetailApi(ActionApi[Document]):
    permission_classes = [AllowAny]
    output_serializer_class = DocumentOutputSerializer

    def load(self) -> Document:
        return selectors.document_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(tags=TAGS, summary="One document: its status, hash, pages, verification code")
    def get(self, request: Request, pk: int) -> Response:
        return self.show()


class FileFormatNegotiation(DefaultContentNegotiation):
    """``?format=`` names the file asked for here (``docx``, ``xlsx``), not the renderer
    of the answer as DRF reads it elsewhere: errors are still answered in JSON."""

    class settings:  # noqa: N801 - DRF reads ``self.settings.URL_FORMAT_OVERRIDE``
        URL_FORMAT_OVERRIDE = None


class DocumentFileApi(ApiView):
    permission_classes = [AllowAny]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        tags=TAGS,
        summary="The document's signed PDF, or an export of it",
        description=(
            "The signed PDF by default. The position and the consultation report are also "
            "offered as DOCX (for editing; not signed), and the report's comment table as "
            "XLSX: the exports are made with the PDF from the same data, so they say what "
            "it says. A format the document's kind does not offer is a 400 listing those it "
            "does; a document not ready yet is a 404."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                str,
                required=False,
                enum=list(FORMATS),
                description=(
                    "pdf (the default, every kind); docx (position, consultation_report); "
                    "xlsx (consultation_report: its comments)."
                ),
            )
        ],
        responses={
            (200, FORMATS[PDF].content_type): OpenApiResponse(OpenApiTypes.BINARY),
            (200, FORMATS[DOCX].content_type): OpenApiResponse(OpenApiTypes.BINARY),
            (200, FORMATS[XLSX].content_type): OpenApiResponse(OpenApiTypes.BINARY),
            **error_responses(400, 404),
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponseBase:
        document = selectors.document_get_for(viewer=request.user, pk=pk)
        if not document.is_ready:
            raise Http404
        return serve_document(request, document, request.query_params.get("format"))
