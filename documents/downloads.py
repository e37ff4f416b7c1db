"""Serving a stored document's file after the permission check: one small function, with
the headers every download of the project sends (to be replaced by the project-wide file
serving helper when there is one)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

PDF = "application/pdf"


def serve_file(
    request: HttpRequest, fieldfile: FieldFile, filename: str, *, public: bool = False
) -> FileResponse:
    """The file as an attachment named ``filename``, never sniffed as another type, cached
    only by the reader's browser unless ``public``."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=PDF)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private"
    return response
