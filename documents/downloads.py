"""Serving a stored document's file after the permission check, through the project's one
file-serving helper (``core.files``: attachment with the original name, ``nosniff``,
streamed or handed to the front server): the signed PDF, or one of the exports its kind
offers (``documents.exports``)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from core.exceptions import NotFound
from core.files import Download
from core.files import serve_file as serve_download
from documents import registry
from documents.exports import FORMATS, PDF, format_or_refuse
from documents.models import Document


def serve_file(
    request: HttpRequest,
    fieldfile: FieldFile,
    filename: str,
    *,
    public: bool = False,
    content_type: str = FORMATS[PDF].content_type,
) -> HttpResponseBase:
    """The file as an attachment named ``filename``, cached only by the reader's browser
    unless ``public`` (an issued document anyone may verify)."""
    response = serve_download(
        Download(file=fieldfile, filename=filename, content_type=content_type)
    )
    # Our own files of known types: core.files answers only uploads' types by name.
    response["Content-Type"] = content_type
    if public:
        response["Cache-Control"] = "public, max-age=3600"
    return response


def serve_document(
    request: HttpRequest, document: Document, format_name: str | None = None
) -> HttpResponseBase:
    """A ready document's file in ``format_name`` (the PDF by default), for a viewer the
    caller has checked. A format the kind does not offer is ``InvalidInput`` naming those
    it does; an export the document was not made with (made before its kind offered it)
    is ``NotFound``."""
    spec = registry.get(document.kind)
    if spec is None:
        raise NotFound(_("There is no such document, or you may not see it."))
    export = format_or_refuse(spec, format_name)
    fieldfile = getattr(document, export.field)
    if not fieldfile:
        raise NotFound(
            _("This document has no %(format)s file: it was made before its kind offered one.")
            % {"format": export.label}
        )
    return serve_file(
        request,
        fieldfile,
        document.filename_as(export.name),
        content_type=export.content_type,
    )
