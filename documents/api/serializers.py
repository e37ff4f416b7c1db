from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from documents.exports import PDF
from documents.models import Document
from documents.rendering import verification_url


class DocumentRequestInputSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(
        max_length=40,
        help_text=(
            "The kind of document: position, consultation_report, term_report, comment_receipt."
        ),
    )
    subject = serializers.IntegerField(
        min_value=1,
        help_text=(
            "The id of the subject: the position, the consultation, the council's term or "
            "the comment."
        ),
    )


class DocumentFilterSerializer(DocumentRequestInputSerializer):
    """The query of a subject's documents."""


class DocumentOutputSerializer(serializers.ModelSerializer[Document]):
    subject = serializers.IntegerField(source="subject_id", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    verification_url = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "subject",
            "title",
            "status",
            "status_label",
            "error",
            "data_hash",
            "sha256",
            "size",
            "pages",
            "signer",
            "test_signature",
            "verification_code",
            "verification_url",
            "file_url",
            "files",
            "created_at",
            "ready_at",
        ]
        read_only_fields = fields

    def get_verification_url(self, document: Document) -> str:
        return verification_url(document.verification_code)

    def get_file_url(self, document: Document) -> str | None:
        """The PDF's address, once it is ready."""
        if not document.is_ready:
            return None
        return reverse("api-document-file", kwargs={"pk": document.pk})

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "The address of each format the document's files are in, once "
            "it is ready: pdf always, docx and xlsx where the kind offers them.",
        }
    )
    def get_files(self, document: Document) -> dict[str, str]:
        base = reverse("api-document-file", kwargs={"pk": document.pk})
        return {name: base if name == PDF else f"{base}?format={name}" for name in document.formats}
