"""What the consultations API views share: the serializers' context and the objects
most actions are on (a consultation, a comment), each with the answer it gives."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request

from consultations import selectors
from consultations.api.permissions import CanManageConsultation
from consultations.api.serializers import (
    AttachmentInputSerializer,
    CommentOutputSerializer,
    ConsultationDetailOutputSerializer,
)
from consultations.models import Comment, Consultation
from core.api_base import ActionApi, SerializerClass


def context(request: Request, **extra: Any) -> dict[str, Any]:
    """What the serializers read besides the data: the viewer's request and one moment."""
    return {"request": request, "now": timezone.now(), **extra}


class ConsultationAnswer(ActionApi[Any]):
    """Answers with the consultation as a GET of it shows it."""

    output_serializer_class: SerializerClass = ConsultationDetailOutputSerializer

    def get_input_context(self) -> dict[str, Any]:
        return context(self.request)

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return context(self.request)


class ConsultationAction(ConsultationAnswer, ActionApi[Consultation]):
    """On a consultation: read by anyone who may see it, run by the officials of the act's
    department and administrators."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, CanManageConsultation]
    detail = True  # with its meetings, attachments and extensions

    def load(self) -> Consultation:
        return selectors.consultation_get_for(
            viewer=self.request.user, pk=self.kwargs["pk"], detail=self.detail
        )


class CommentAction(ActionApi[Comment]):
    """On a comment: read by anyone who may see it; the services say who may change it.
    Answers with the comment as a GET of it shows it."""

    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated]
    output_serializer_class: SerializerClass = CommentOutputSerializer

    def load(self) -> Comment:
        return selectors.comment_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return context(self.request)


class Addition(ActionApi[Any]):
    """Adds something to the loaded object (a meeting, an attachment) and answers with it
    as the service wrote it, which names all it shows: nothing is read back."""

    success_status = status.HTTP_201_CREATED

    def reread(self, obj: Any, result: Any) -> Any:
        return result


class AttachmentUpload(Addition):
    """Stores a file sent as multipart (``file``), checked by its content and size."""

    parser_classes = [MultiPartParser, FormParser]
    input_serializer_class = AttachmentInputSerializer

    def documented_request(self) -> Any:
        return {"multipart/form-data": AttachmentInputSerializer}
