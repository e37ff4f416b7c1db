"""Uploads judged by their structure: zip bombs refused by the central directory before
any member is read, members read bounded, and a PDF refused when only its first bytes are
a PDF's."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import FileTooLarge, UnsupportedFileType
from core.uploads import (
    DOCX,
    PDF,
    ZIP_MAX_MEMBERS,
    check_upload,
    check_zip_archive,
    read_zip_member,
)
from tests.pdf import minimal_pdf
from tests.zips import DOCX_MEMBERS, archive, bomb, lying


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_small_docx_is_accepted():
    checked = check_upload(upload("uwagi.docx", archive(DOCX_MEMBERS)))
    assert checked.content_type == DOCX


def test_a_docx_bomb_is_refused_by_its_ratio_before_any_member_is_read(monkeypatch):
    data = bomb("word/document.xml", 20 * 1024 * 1024, extra={"[Content_Types].xml": b"<T/>"})
    assert len(data) < 100 * 1024

    def never(*args, **kwargs):
        raise AssertionError("a member was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with pytest.raises(FileTooLarge) as raised:
        check_upload(upload("uwagi.docx", data))
    assert "Po rozpakowaniu plik zajmuje więcej niż" in str(raised.value.message)
    assert raised.value.extra["fields"]["file"]


def test_an_odt_whose_mimetype_is_a_bomb_is_refused():
    with pytest.raises(FileTooLarge):
        check_upload(upload("uwagi.odt", bomb("mimetype", 5 * 1024 * 1024)))


def test_an_archive_over_the_uncompressed_limit_is_refused(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    # Random bytes do not compress: no member is suspicious by its ratio, only the total.
    members = DOCX_MEMBERS | {f"word/media/image{n}.bin": os.urandom(400 * 1024) for n in range(3)}
    data = archive(members, stored=True)
    with pytest.raises(FileTooLarge) as raised:
        check_upload(upload("uwagi.docx", data))
    assert "1,0\xa0MB" in str(raised.value.message)
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024
    assert check_upload(upload("uwagi.docx", data)).content_type == DOCX


def test_an_archive_with_too_many_members_is_refused():
    members = DOCX_MEMBERS | {f"word/part{n}.xml": b"" for n in range(ZIP_MAX_MEMBERS)}
    with pytest.raises(UnsupportedFileType) as raised:
        check_upload(upload("uwagi.docx", archive(members)))
    assert "zbyt wielu części" in str(raised.value.message)


def test_a_member_larger_than_its_header_declares_is_never_read_in_full():
    data = lying(archive({"mimetype": b"\0" * (1024 * 1024)}), "mimetype", 100)
    with check_zip_archive(data) as checked:
        assert checked.getinfo("mimetype").file_size == 100
        with pytest.raises((FileTooLarge, zipfile.BadZipFile)):
            read_zip_member(checked, "mimetype")


def test_a_bounded_read_stops_at_the_limit(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 1000
    data = archive({"a.txt": b"x" * 900})
    with check_zip_archive(data) as checked:
        assert read_zip_member(checked, "a.txt") == b"x" * 900
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 500
    with zipfile.ZipFile(io.BytesIO(data)) as unchecked, pytest.raises(FileTooLarge):
        read_zip_member(unchecked, "a.txt")


def test_a_real_pdf_is_accepted():
    checked = check_upload(upload("uwagi.pdf", minimal_pdf()))
    assert checked.content_type == PDF


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7 whatever",
        b"%PDF-1.4\n" + os.urandom(2000),
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
        minimal_pdf().replace(b"startxref\n", b"startxref\n9"),
        b"%PDF-1.4\njunk junk junk\nstartxref\n10\n%%EOF\n",
    ],
    ids=["magic-only", "random-tail", "no-startxref", "offset-past-end", "offset-at-junk"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(data):
    with pytest.raises(UnsupportedFileType) as raised:
        check_upload(upload("uwagi.pdf", data))
    assert "nie jest kompletnym dokumentem PDF" in str(raised.value.message)
    assert raised.value.extra["fields"]["file"]
