"""Getting the text of an act out of an uploaded file: .txt, .docx, .odt or a text .pdf
(``acts.parsing.readers.pdf`` says how a PDF is read and why with pdfminer.six).

The type is decided by the content (a zip archive and its manifest), and the extension must
agree with it: a renamed file is refused rather than read as something it is not. Word
documents with macros or embedded objects are refused outright, since officials forward them
to the public. Word's automatic numbering (numPr/ilvl) is turned back into the markers it
displays ("§ 1.", "1)", "a)"), because in such documents the markers are not in the text.
"""

from __future__ import annotations

import zipfile

from acts.parsing.errors import DocumentError, DocumentErrorCode
from acts.parsing.readers.common import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    DOCX_EXTENSIONS,
    MACRO_EXTENSIONS,
    MAXIMUM_CONTROL_CHARACTER_SHARE,
    MAXIMUM_EXPANSION_RATIO,
    ODT_EXTENSIONS,
    ODT_MIMETYPE,
    OLE2_MAGIC,
    PDF_EXTENSIONS,
    PDF_MAGIC,
    RTF_MAGIC,
    TEXT_EXTENSIONS,
    UPLOAD_EXTENSIONS,
    UTF16_BOMS,
    ZIP_MAGIC,
    error_binary,
    error_corrupt,
    error_empty,
    error_macros,
    error_too_large,
    error_type_mismatch,
    error_unsupported,
    read_member,
)
from acts.parsing.readers.docx import read_docx
from acts.parsing.readers.odt import read_odt
from acts.parsing.readers.pdf import read_pdf
from core.exceptions import FileTooLarge, UnsupportedFileType
from core.uploads import check_zip_archive

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "UPLOAD_EXTENSIONS",
    "read_document",
    "upload_accept",
    "upload_formats",
]


def upload_accept() -> str:
    """The ``accept`` attribute of a file input for an act: the formats read here."""
    return ",".join(UPLOAD_EXTENSIONS)


def upload_formats() -> str:
    """The formats read here, as a help text names them: ".docx, .odt, .pdf, .txt"."""
    return ", ".join(UPLOAD_EXTENSIONS)


def read_document(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> str:
    """The text of an uploaded act, or a DocumentError saying why it cannot be read."""
    if len(data) > max_bytes:
        raise error_too_large(max_bytes)
    if not data.strip():
        raise error_empty()
    extension = _extension(name)
    if extension in MACRO_EXTENSIONS:
        raise error_macros()
    if data.startswith(ZIP_MAGIC):
        text = _read_zip_document(data, extension, max_bytes)
    elif extension in DOCX_EXTENSIONS | ODT_EXTENSIONS:
        # A .docx or .odt is always a zip; anything else under that name is damaged or renamed.
        raise error_corrupt() if not _looks_like_other_format(data) else error_type_mismatch()
    elif data.startswith(PDF_MAGIC):
        if extension not in PDF_EXTENSIONS:
            raise error_type_mismatch()
        text = read_pdf(data, max_bytes)
    elif extension in PDF_EXTENSIONS:
        raise error_corrupt() if not _looks_like_other_format(data) else error_type_mismatch()
    elif data.startswith(OLE2_MAGIC):
        raise error_unsupported(".doc")
    elif data.startswith(RTF_MAGIC):
        raise error_unsupported("RTF")
    elif extension in TEXT_EXTENSIONS:
        text = _decode_text(data)
    else:
        raise error_unsupported(extension)
    if not text.strip():
        raise error_empty()
    return text


def _extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _looks_like_other_format(data: bytes) -> bool:
    return data.startswith((OLE2_MAGIC, PDF_MAGIC, RTF_MAGIC))


def _decode_text(data: bytes) -> str:
    if data.startswith(UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise error_binary() from None
    else:
        if b"\x00" in data:
            raise error_binary()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Polish texts saved by older Windows programs are in Windows-1250.
            try:
                text = data.decode("cp1250")
            except UnicodeDecodeError:
                raise error_binary() from None
    if _control_character_share(text) > MAXIMUM_CONTROL_CHARACTER_SHARE:
        raise error_binary()
    return text


def _control_character_share(text: str) -> float:
    if not text:
        return 0.0
    control = sum(
        1
        for character in text
        if (ord(character) < 0x20 and character not in "\t\n\r\f\v")
        or 0x7F <= ord(character) < 0xA0
    )
    return control / len(text)


def _read_zip_document(data: bytes, extension: str, max_bytes: int) -> str:
    try:
        # The central directory is judged before any member is read (a "zip bomb").
        archive = check_zip_archive(data)
        names = archive.namelist()
        expanded = sum(info.file_size for info in archive.infolist())
    except (FileTooLarge, UnsupportedFileType) as error:
        raise DocumentError(error.message, DocumentErrorCode.TOO_LARGE) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise error_corrupt() from None
    if expanded > max(max_bytes, len(data)) * MAXIMUM_EXPANSION_RATIO:
        archive.close()
        raise error_too_large(max_bytes)
    with archive:
        if "[Content_Types].xml" in names:
            if extension not in DOCX_EXTENSIONS:
                raise error_type_mismatch()
            return read_docx(archive, names, data)
        if "mimetype" in names and read_member(archive, "mimetype").strip() == ODT_MIMETYPE:
            if extension not in ODT_EXTENSIONS:
                raise error_type_mismatch()
            return read_odt(archive, names, data)
    if extension in DOCX_EXTENSIONS | ODT_EXTENSIONS:
        raise error_corrupt()
    raise error_unsupported("ZIP")
