"""Private files: stored under names nobody can guess, served only through a view that
applies the rule of the object they belong to.

Every ``FileField`` stores under ``<kind>/<yyyy>/<uuid4 hex><ext>``
(``core.uploads.PrivateUploadTo``);
the original name stays in a model field, for the download. Nothing serves ``MEDIA_URL``:
each kind of file has one download view (a ``FileDownloadApi``, under ``/files/``) that
loads its object through the selector and predicates of the object's own page (not
allowed and not found are the same 404), then hands the bytes over with ``serve_file``.

The views are DRF views: a page's session and an API client's token both authenticate
them, so the pages and the API link to the same addresses (``download_url``).

``serve_file`` answers as an attachment, with the original name, ``nosniff``, a type from
the accepted list (anything else is ``application/octet-stream``) and ``Cache-Control:
private``. With ``settings.FILES_ACCEL_REDIRECT_PREFIX`` set (e.g. ``/protected-media/``)
it answers with an empty body and ``X-Accel-Redirect: <prefix><storage name>``, and the
front server (``deploy/nginx.conf``, an ``internal`` location) sends the bytes from the
shared disk; without it the web process streams them from the storage, whichever it is
(the filesystem, or an S3-compatible bucket, ``STORAGE_BACKEND``, where the prefix is
refused by ``core.checks``: the front server cannot read a private bucket). No storage
address (a bucket URL, a signed link) is ever handed to a user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from core import error_views
from core.api import error_responses
from core.api_base import ApiView
from core.uploads import ACCEPTED_TYPES, TEXT

FALLBACK_TYPE = "application/octet-stream"
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")


@dataclass(frozen=True)
class Download:
    """A stored file as it is handed over: its bytes, the name it downloads under and its
    recorded type."""

    file: FieldFile
    filename: str
    content_type: str


def safe_content_type(content_type: str) -> str:
    """The type to answer with: one of the accepted upload types (text with its charset),
    anything else as opaque bytes. Never HTML, never anything a browser would run."""
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type == TEXT:
        return f"{TEXT}; charset=utf-8"
    return content_type if content_type in ACCEPTED_TYPES else FALLBACK_TYPE


def ascii_filename(filename: str) -> str:
    """The plain ASCII fallback of a file name (``zażółć.pdf`` -> ``zazoc.pdf``), for
    clients that do not read ``filename*``."""
    decomposed = unicodedata.normalize("NFKD", filename.replace("ł", "l").replace("Ł", "L"))
    plain = decomposed.encode("ascii", "ignore").decode("ascii")
    plain = _ASCII_UNSAFE.sub("_", plain).strip(" .")
    return plain or "file"


def content_disposition(filename: str) -> str:
    """``attachment`` with the original name (RFC 6266: ``filename*`` in UTF-8) and an
    ASCII fallback."""
    fallback = ascii_filename(filename)
    encoded = quote(filename, safe="")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def serve_file(download: Download) -> HttpResponseBase:
    """The response that hands ``download`` over: streamed by the web process, or, with
    ``settings.FILES_ACCEL_REDIRECT_PREFIX``, by the front server (``X-Accel-Redirect``).
    A file missing from the storage is a 404."""
    name = download.file.name
    if not name:
        raise Http404
    prefix = settings.FILES_ACCEL_REDIRECT_PREFIX
    response: HttpResponseBase
    if prefix:
        response = HttpResponse(b"")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    else:
        response = _stream(download.file.storage, name)
    response["Content-Type"] = safe_content_type(download.content_type)
    response["Content-Disposition"] = content_disposition(download.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


def _stream(storage: Storage, name: str) -> FileResponse:
    """The stored file's bytes as they are read, from any storage: a file on disk is
    opened as it is; an object of an S3-compatible bucket is read from the body of its GET
    (``S3Storage.open`` would first copy the whole object into memory)."""
    if getattr(storage, "bucket_name", None) is not None:
        from botocore.exceptions import ClientError
        from storages.utils import clean_name

        try:
            answer = storage.connection.meta.client.get_object(  # type: ignore[attr-defined]
                Bucket=storage.bucket_name,  # type: ignore[attr-defined]
                Key=storage._normalize_name(clean_name(name)),  # type: ignore[attr-defined]
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
                raise Http404 from None
            raise
        response = FileResponse(answer["Body"])
        response["Content-Length"] = str(answer["ContentLength"])
        return response
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    return FileResponse(handle)


def _wants_html(request: Request) -> bool:
    accepted = request.META.get("HTTP_ACCEPT", "")
    return "text/html" in accepted and "HTTP_AUTHORIZATION" not in request.META


def download_schema(*, summary: str, description: str) -> Any:
    """The schema of a download view's GET: the file's bytes, or a 404."""
    return extend_schema(
        summary=summary,
        description=description,
        responses={
            (200, FALLBACK_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=gettext_lazy(
                    "The file, as an attachment with its original name; its type is the "
                    "one recorded when it was checked."
                ),
            ),
            **error_responses(404),
        },
    )


class FileDownloadApi(ApiView):
    """The base of a download view: ``locate`` finds the file through the object's own
    selector and predicates, for the request's viewer (Http404 when they may not see it);
    ``get`` serves it.
    Anyone may ask (a public consultation's attachments are public); the session or an
    API token says who asks. A browser that is refused gets the HTML 404 page, an API
    client the JSON error."""

    permission_classes = [AllowAny]

    def locate(self, request: Request, **kwargs: Any) -> Download:
        raise NotImplementedError

    def get(self, request: Request, **kwargs: Any) -> HttpResponseBase:
        return serve_file(self.locate(request, **kwargs))

    def handle_exception(self, exc: Exception) -> Any:
        if isinstance(exc, Http404 | drf_exceptions.NotFound) and _wants_html(self.request):
            request: HttpRequest = self.request._request
            # Rendered here: DRF would answer a browser's refused link with JSON.
            return error_views.page_not_found(request, exc)
        return super().handle_exception(exc)


@extend_schema_field(OpenApiTypes.URI)
class DownloadUrlField(serializers.Field[Any, Any, Any, Any]):
    """The absolute address of a file's download view: the object's ``download_url()``,
    the same address its pages link to."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        path = value.download_url()
        if not path:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
