"""Uploads, one home for every app: read within the size limit, and attachments checked by
their content, not their name.

Every upload is read up to ``settings.UPLOAD_MAX_BYTES`` (``read_upload``): a larger file
is refused with ``FileTooLarge``, by its declared size before anything is read. An
attachment (``check_upload``) is accepted when its first bytes (and, for the zip-based
office formats, the archive's manifest) say it is a PDF, DOCX, ODT, PNG, JPEG or plain
UTF-8 text. The type recorded is the one sniffed, never the one the browser claimed, and
the stored name is the uploaded name made safe.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy

from core.exceptions import FileTooLarge, UnsupportedFileType

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"

ACCEPTED_TYPES = (PDF, DOCX, ODT, PNG, JPEG, TEXT)
EXTENSIONS = {PDF: "pdf", DOCX: "docx", ODT: "odt", PNG: "png", JPEG: "jpg", TEXT: "txt"}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
_PDF_SIGNATURE = b"%PDF-"
_ZIP_SIGNATURE = b"PK\x03\x04"
# A text file with control characters other than tab, newlines and form feed is binary.
_TEXT_CONTROL_ALLOWED = {9, 10, 12, 13}

ATTACH_SMALLER = gettext_lazy("The file is larger than %(limit)s. Attach a smaller file.")


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    data: bytes


def sniff_content_type(data: bytes) -> str | None:
    """The accepted type the content is, or None."""
    if data.startswith(_PDF_SIGNATURE):
        return PDF
    if data.startswith(_PNG_SIGNATURE):
        return PNG
    if data.startswith(_JPEG_SIGNATURE):
        return JPEG
    if data.startswith(_ZIP_SIGNATURE):
        return _office_type(data)
    if _is_text(data):
        return TEXT
    return None


def _office_type(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names:
            # ODF stores its type, uncompressed, as the archive's first member.
            if archive.read("mimetype")[:100].strip() == ODT.encode():
                return ODT
            return None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    lowered = {name.lower() for name in names}
    if (
        "[content_types].xml" in lowered
        and "word/document.xml" in lowered
        and not any(name.endswith("vbaproject.bin") for name in lowered)
    ):
        return DOCX
    return None


def _is_text(data: bytes) -> bool:
    if not data:
        return False
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(char) < 32 and ord(char) not in _TEXT_CONTROL_ALLOWED for char in text)


def safe_name(name: str, content_type: str) -> str:
    """The uploaded name without directories, made safe for storage, with the extension of
    the sniffed type."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    try:
        stem = get_valid_filename(stem)[:150]
    except Exception:
        stem = ""
    return f"{stem or 'attachment'}.{EXTENSIONS[content_type]}"


def read_upload(
    uploaded_file: Any, *, max_bytes: int | None = None, too_large: Any = ATTACH_SMALLER
) -> bytes:
    """The uploaded file's bytes, refusing (``FileTooLarge``, with ``too_large``: a
    message naming ``%(limit)s``) one larger than ``max_bytes``, by default
    ``settings.UPLOAD_MAX_BYTES``: by its declared size before reading, or by what is read
    (never more than one byte over the limit)."""
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise file_too_large(limit, too_large)
    data: bytes = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise file_too_large(limit, too_large)
    return data


def file_too_large(limit: int, message: Any = ATTACH_SMALLER) -> FileTooLarge:
    """The refusal of a file over ``limit``, at the form's or the API's ``file`` field."""
    text = str(message) % {"limit": filesizeformat(limit)}
    return FileTooLarge(text, extra={"fields": {"file": [text]}})


def check_upload(uploaded_file: Any, *, max_bytes: int | None = None) -> CheckedUpload:
    """Read an uploaded file, refusing one that is too large or of a type not accepted."""
    data = read_upload(uploaded_file, max_bytes=max_bytes)
    content_type = sniff_content_type(data)
    if content_type is None:
        message = str(UnsupportedFileType.default_message)
        raise UnsupportedFileType(message, extra={"fields": {"file": [message]}})
    return CheckedUpload(
        name=safe_name(getattr(uploaded_file, "name", "") or "", content_type),
        content_type=content_type,
        size=len(data),
        data=data,
    )
