"""Zip archives for upload tests: office-shaped files, zip bombs and lying headers."""

from __future__ import annotations

import io
import struct
import zipfile

DOCX_MEMBERS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


def archive(members: dict[str, bytes], *, stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return buffer.getvalue()


def bomb(member: str, size: int, extra: dict[str, bytes] | None = None) -> bytes:
    """An archive whose ``member`` is ``size`` zero bytes, written in chunks (it compresses
    about a thousand times), beside the ``extra`` members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in (extra or {}).items():
            target.writestr(name, data)
        chunk = b"\0" * (1024 * 1024)
        with target.open(member, "w", force_zip64=size > 2**31) as stream:
            written = 0
            while written < size:
                part = chunk[: min(len(chunk), size - written)]
                stream.write(part)
                written += len(part)
    return buffer.getvalue()


def lying(data: bytes, member: str, declared: int) -> bytes:
    """``data`` with ``member``'s uncompressed size in the local and central headers
    replaced by ``declared``: the header says small, the content is large."""
    patched = bytearray(data)
    name = member.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (found := patched.find(signature, start)) != -1:
            if patched[found + name_offset : found + name_offset + len(name)] == name:
                struct.pack_into("<I", patched, found + size_offset, declared)
            start = found + 4
    return bytes(patched)
