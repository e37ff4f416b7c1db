"""Errors raised while turning an uploaded file into text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.exceptions import InvalidInput

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DocumentError(InvalidInput):
    """The uploaded document cannot be read; `code` says why, the message tells what to do."""

    default_code = "document_invalid"

    def __init__(self, message: StrOrPromise, code: str) -> None:
        super().__init__(message, code=code)


class DocumentErrorCode:
    EMPTY = "document_empty"
    BINARY = "document_binary"
    CORRUPT = "document_corrupt"
    UNSUPPORTED_TYPE = "document_unsupported_type"
    TYPE_MISMATCH = "document_type_mismatch"
    MACROS = "document_macros"
    EMBEDDED_OBJECTS = "document_embedded_objects"
    TOO_LARGE = "document_too_large"
    SCANNED = "document_scanned"
    ENCRYPTED = "document_encrypted"
