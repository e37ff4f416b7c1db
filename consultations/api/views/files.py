"""Downloads of consultation and comment attachments (``core.files``), for whoever may
see them: a consultation's as the consultation, a comment's as the comment's content."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from accounts.viewer import request_viewer
from consultations import selectors
from core.files import Download, FileDownloadApi, download_schema


class ConsultationAttachmentApi(FileDownloadApi):
    """``/files/consultation-attachments/<id>/``."""

    def locate(self, request: Request, **kwargs: Any) -> Download:
        attachment = selectors.consultation_attachment_for(
            viewer=request_viewer(request), pk=kwargs["pk"]
        )
        return Download(attachment.file, attachment.name, attachment.content_type)

    @download_schema(
        summary="Download a consultation's attachment",
        description=(
            "An attachment of a consultation, for everyone who may see the consultation "
            "(a draft's stay with its department; 404 for anyone else)."
        ),
    )
    def get(self, request: Request, **kwargs: Any) -> Any:
        return super().get(request, **kwargs)


class CommentAttachmentApi(FileDownloadApi):
    """``/files/comment-attachments/<id>/``."""

    def locate(self, request: Request, **kwargs: Any) -> Download:
        attachment = selectors.comment_attachment_for(
            viewer=request_viewer(request), pk=kwargs["pk"]
        )
        return Download(attachment.file, attachment.name, attachment.content_type)

    @download_schema(
        summary="Download a comment's attachment",
        description=(
            "An attachment of a comment, for those who may read the comment's content: a "
            "draft's stay with its authors, a hidden comment's with its authors and the "
            "officials (404 for anyone else)."
        ),
    )
    def get(self, request: Request, **kwargs: Any) -> Any:
        return super().get(request, **kwargs)
