"""Serving a stored document's file after the permission check, through the project's one
file-serving helper (``core.files``: attachment with the original name, ``nosniff``,
streamed or handed to the front server)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from core.files import Download
from core.files import serve_file as serve_download

PDF = "application/pdf"


def serve_file(
    request: HttpRequest, fieldfile: FieldFile, filename: str, *, public: bool = False
) -> HttpResponseBase:
    """The PDF as an attachment named ``filename``, cached only by the reader's browser
    unless ``public`` (an issued document anyone may verify)."""
    response = serve_download(Download(file=fieldfile, filename=filename, content_type=PDF))
    if public:
        response["Cache-Control"] = "public, max-age=3600"
    return response
