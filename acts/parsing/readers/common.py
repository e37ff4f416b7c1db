"""What the readers share: limits, signatures, the errors they raise, number formats."""

from __future__ import annotations

import zipfile
import zlib
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from acts.parsing.errors import DocumentError, DocumentErrorCode
from core.exceptions import FileTooLarge
from core.uploads import read_zip_member

if TYPE_CHECKING:
    pass

DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A zip may expand far beyond its size on disk (a "zip bomb"); text documents rarely expand more
# than this many times.
MAXIMUM_EXPANSION_RATIO = 50
# Share of control characters above which "text" is really binary data.
MAXIMUM_CONTROL_CHARACTER_SHARE = 0.01

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

TEXT_EXTENSIONS = frozenset({".txt", ".text", ""})
DOCX_EXTENSIONS = frozenset({".docx"})
ODT_EXTENSIONS = frozenset({".odt"})
PDF_EXTENSIONS = frozenset({".pdf"})
MACRO_EXTENSIONS = frozenset({".docm", ".dotm"})
# What an upload picker offers and its help text names: the formats read here.
UPLOAD_EXTENSIONS = (".docx", ".odt", ".pdf", ".txt")

WORD_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
WORD_MACRO_CONTENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{WORD_NAMESPACE}}}"


def error_empty() -> DocumentError:
    return DocumentError(
        _("The document contains no text. Check that you chose the right file."),
        DocumentErrorCode.EMPTY,
    )


def error_binary() -> DocumentError:
    return DocumentError(
        _("The file is not a text document. Upload a .docx, .odt, .pdf or .txt file."),
        DocumentErrorCode.BINARY,
    )


def error_corrupt() -> DocumentError:
    return DocumentError(
        _("The file is damaged and cannot be read. Save it again and upload the new copy."),
        DocumentErrorCode.CORRUPT,
    )


def error_unsupported(description: str) -> DocumentError:
    return DocumentError(
        format_lazy(
            _("{description} files are not supported. Upload a .docx, .odt, .pdf or .txt file."),
            description=description,
        ),
        DocumentErrorCode.UNSUPPORTED_TYPE,
    )


def error_type_mismatch() -> DocumentError:
    return DocumentError(
        _(
            "The file's content does not match its extension. Save it again in the intended "
            "format (.docx, .odt, .pdf or .txt) and upload it."
        ),
        DocumentErrorCode.TYPE_MISMATCH,
    )


def error_macros() -> DocumentError:
    return DocumentError(
        _("The document contains macros. Save it as a plain .docx document and upload it again."),
        DocumentErrorCode.MACROS,
    )


def error_embedded_objects() -> DocumentError:
    return DocumentError(
        _(
            "The document contains embedded objects (other files inside it). Remove them or "
            "paste their content as text, then upload the document again."
        ),
        DocumentErrorCode.EMBEDDED_OBJECTS,
    )


def error_too_large(max_bytes: int) -> DocumentError:
    return DocumentError(
        format_lazy(
            _("The file is larger than {limit} bytes. Upload a smaller file or paste the text."),
            limit=max_bytes,
        ),
        DocumentErrorCode.TOO_LARGE,
    )


def read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    """A member read within its declared size and the upload limit (a lying header is
    refused as too large)."""
    try:
        return read_zip_member(archive, member)
    except FileTooLarge as error:
        raise DocumentError(error.message, DocumentErrorCode.TOO_LARGE) from None
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError):
        raise error_corrupt() from None


def int_or_default(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


_ROMAN_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(value: int) -> str:
    parts: list[str] = []
    for amount, numeral in _ROMAN_NUMERALS:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)


def letters(value: int) -> str:
    # Word's letter numbering repeats the letter past z: a…z, aa…zz, aaa…
    if value < 1:
        return str(value)
    repeat, index = divmod(value - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)
