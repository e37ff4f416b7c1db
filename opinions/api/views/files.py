"""Downloads of the attachments of requests to the council (``core.files``), for those
who may see the request."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from core.files import Download, FileDownloadApi, download_schema
from opinions import selectors


class RequestAttachmentApi(FileDownloadApi):
    """``/files/council-request-attachments/<id>/``."""

    def locate(self, request: Request, **kwargs: Any) -> Download:
        attachment = selectors.request_attachment_for(viewer=request.user, pk=kwargs["pk"])
        return Download(attachment.file, attachment.name, attachment.content_type)

    @download_schema(
        summary="Download an attachment of a request to the council",
        description=(
            "An attachment of a request, for those who may see the request: its "
            "organisation's members and the council of its term (404 for anyone else)."
        ),
    )
    def get(self, request: Request, **kwargs: Any) -> Any:
        return super().get(request, **kwargs)
