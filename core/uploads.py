"""Uploads, one home for every app: read within the size limit, and attachments checked by
their content, not their name.

Every upload is read up to ``settings.UPLOAD_MAX_BYTES`` (``read_upload``): a larger file
is refused with ``FileTooLarge``, by its declared size before anything is read. An
attachment (``check_upload``) is accepted when its first bytes (and, for the zip-based
office formats, the archive's manifest) say it is a PDF, DOCX, ODT, PNG, JPEG or plain
UTF-8 text. The type recorded is the one sniffed, never the one the browser claimed, and
the name recorded (shown, and given to the download) is the uploaded name made safe; the
file itself is stored under a random name (``PrivateUploadTo``) and served only through
its object's view (``core.files``).

A zip archive (.docx, .odt) is judged by its central directory before any member is read
(``check_zip_archive``): too many members, a total declared size over
``settings.UPLOAD_MAX_UNCOMPRESSED_BYTES`` or a member expanding too many times is refused
(a "zip bomb"). Members are then read with a bounded read (``read_zip_member``), so a
header that lies about a member's size cannot bypass the limit. A PDF must have a PDF's
structure (a trailer, a ``startxref`` offset pointing at a cross-reference), not only its
first bytes.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Model
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy

from core import dates
from core.exceptions import FileTooLarge, UnsupportedFileType
from core.transactions import store_file

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

# A zip archive with more members than this is refused without reading any of them.
ZIP_MAX_MEMBERS = 1000
# A member expanding more than this many times is refused (office XML compresses about
# 5-20 times); members smaller than the floor are not judged by their ratio.
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 64 * 1024
# How far from the end of a PDF its trailer (``startxref`` and ``%%EOF``) may be.
_PDF_TRAILER_WINDOW = 2048
_PDF_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF")
_PDF_XREF_AT = re.compile(rb"\s*(xref|\d+\s+\d+\s+obj)")

_SAFE_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")


@deconstructible
class PrivateUploadTo:
    """``upload_to`` of a private file: ``<kind>/<yyyy>/<uuid4 hex><ext>``. The name the
    user gave is not part of it (it is kept in the model); only its extension, when it is
    short and plain, survives."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __call__(self, instance: Any, filename: str) -> str:
        return private_name(self.kind, filename)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateUploadTo) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash(self.kind)


def private_name(kind: str, filename: str) -> str:
    """A new storage name for a file of ``kind`` uploaded as ``filename``: 122 random bits,
    nothing of the original name but a plain extension."""
    extension = PurePosixPath(filename).suffix.lower()
    if not _SAFE_EXTENSION.fullmatch(extension):
        extension = ""
    year = dates.in_warsaw(timezone.now()).year
    return f"{kind}/{year}/{uuid.uuid4().hex}{extension}"


ATTACH_SMALLER = gettext_lazy("The file is larger than %(limit)s. Attach a smaller file.")


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    data: bytes


FileRecord = TypeVar("FileRecord", bound=Model)


def save_checked_upload(record: FileRecord, checked: CheckedUpload) -> FileRecord:
    """Fill a file record (``name``, ``content_type``, ``size``, ``file``) from a checked
    upload, store its bytes (removed again if the transaction rolls back, see
    ``core.transactions.store_file``) and save the record."""
    record.name = checked.name  # type: ignore[attr-defined]
    record.content_type = checked.content_type  # type: ignore[attr-defined]
    record.size = checked.size  # type: ignore[attr-defined]
    store_file(record.file, checked.name, ContentFile(checked.data))  # type: ignore[attr-defined]
    record.save()
    return record


ARCHIVE_EXPANDS = gettext_lazy(
    "The file expands to more than %(limit)s when unpacked. Attach a smaller file."
)
ARCHIVE_TOO_MANY_MEMBERS = gettext_lazy(
    "The file contains too many parts to be a document. Save it again as a plain document "
    "and attach it."
)
PDF_DAMAGED = gettext_lazy(
    "The file starts like a PDF but is not a complete PDF document. Save or export it "
    "again as PDF and attach the new copy."
)


def _unsupported(message: Any) -> UnsupportedFileType:
    text = str(message)
    return UnsupportedFileType(text, extra={"fields": {"file": [text]}})


def check_zip_archive(data_or_file: Any) -> zipfile.ZipFile:
    """The zip archive in ``data_or_file`` (bytes or a binary file), once its central
    directory shows it is safe to read: at most ``ZIP_MAX_MEMBERS`` members, at most
    ``settings.UPLOAD_MAX_UNCOMPRESSED_BYTES`` declared in total, no member larger than
    ``ZIP_RATIO_FLOOR`` expanding more than ``ZIP_MAX_RATIO`` times. No member is read.
    Refuses with ``FileTooLarge`` or ``UnsupportedFileType``; a file that is not a zip
    raises ``zipfile.BadZipFile``."""
    source = io.BytesIO(data_or_file) if isinstance(data_or_file, bytes) else data_or_file
    archive = zipfile.ZipFile(source)
    try:
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise _unsupported(ARCHIVE_TOO_MANY_MEMBERS)
        limit = settings.UPLOAD_MAX_UNCOMPRESSED_BYTES
        total = 0
        for member in members:
            total += member.file_size
            if total > limit:
                raise file_too_large(limit, ARCHIVE_EXPANDS)
            if (
                member.file_size > ZIP_RATIO_FLOOR
                and member.file_size > max(member.compress_size, 1) * ZIP_MAX_RATIO
            ):
                raise file_too_large(limit, ARCHIVE_EXPANDS)
    except BaseException:
        archive.close()
        raise
    return archive


def read_zip_member(archive: zipfile.ZipFile, name: str | zipfile.ZipInfo) -> bytes:
    """A member of an archive checked by ``check_zip_archive``, read a chunk at a time and
    never beyond its declared size (plus one byte, to see a lie) nor the archive's limit:
    a member that expands beyond what its header declares is refused (``FileTooLarge``)."""
    info = name if isinstance(name, zipfile.ZipInfo) else archive.getinfo(name)
    limit = settings.UPLOAD_MAX_UNCOMPRESSED_BYTES
    bound = min(info.file_size, limit) + 1
    chunks: list[bytes] = []
    read = 0
    with archive.open(info) as member:
        while read < bound:
            chunk = member.read(min(64 * 1024, bound - read))
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
    if read > info.file_size or read > limit:
        raise file_too_large(limit, ARCHIVE_EXPANDS)
    return b"".join(chunks)


def is_structured_pdf(data: bytes) -> bool:
    """Whether ``data`` is shaped like a PDF: the ``%PDF-`` header, a trailer near the end
    (``startxref``, an offset, ``%%EOF``) and a cross-reference table or stream at that
    offset. A file that only starts like a PDF is not one."""
    if not data.startswith(_PDF_SIGNATURE):
        return False
    found = list(_PDF_STARTXREF.finditer(data[-_PDF_TRAILER_WINDOW:]))
    if not found:
        return False
    offset = int(found[-1].group(1))
    if not 0 < offset < len(data):
        return False
    return _PDF_XREF_AT.match(data, offset) is not None


def sniff_content_type(data: bytes) -> str | None:
    """The accepted type the content is, or None. A zip archive over the limits and a
    damaged PDF are refused (``FileTooLarge``, ``UnsupportedFileType``)."""
    if data.startswith(_PDF_SIGNATURE):
        if not is_structured_pdf(data):
            raise _unsupported(PDF_DAMAGED)
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
        with check_zip_archive(data) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # ODF stores its type, uncompressed, as the archive's first member.
                if read_zip_member(archive, "mimetype")[:100].strip() == ODT.encode():
                    return ODT
                return None
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, KeyError, EOFError):
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
