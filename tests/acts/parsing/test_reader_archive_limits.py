"""The act readers judge a .docx/.odt by its central directory before opening any member:
a zip bomb is refused as too large, through the reader, the service and the API."""

from __future__ import annotations

import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from acts.models import ActVersion
from acts.parsing.errors import DocumentError, DocumentErrorCode
from acts.parsing.readers import read_document
from core.uploads import ZIP_MAX_MEMBERS
from tests.acts.texts import SAMPLE_ACT, docx_bytes
from tests.zips import archive, bomb, lying

CONTENT_TYPES = {"[Content_Types].xml": b"<Types/>"}


def test_a_docx_bomb_is_refused_before_any_member_is_opened(monkeypatch):
    data = bomb("word/document.xml", 20 * 1024 * 1024, extra=CONTENT_TYPES)

    def never(*args, **kwargs):
        raise AssertionError("a member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with pytest.raises(DocumentError) as raised:
        read_document("projekt.docx", data)
    assert raised.value.code == DocumentErrorCode.TOO_LARGE
    assert "Po rozpakowaniu plik zajmuje więcej niż" in str(raised.value.message)


def test_an_odt_bomb_is_refused():
    with pytest.raises(DocumentError) as raised:
        read_document("projekt.odt", bomb("content.xml", 20 * 1024 * 1024))
    assert raised.value.code == DocumentErrorCode.TOO_LARGE


def test_a_docx_over_the_uncompressed_limit_is_refused(settings):
    data = docx_bytes(SAMPLE_ACT)
    assert read_document("projekt.docx", data)
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 1000
    with pytest.raises(DocumentError) as raised:
        read_document("projekt.docx", data)
    assert raised.value.code == DocumentErrorCode.TOO_LARGE


def test_a_docx_with_too_many_members_is_refused():
    members = CONTENT_TYPES | {f"word/part{n}.xml": b"" for n in range(ZIP_MAX_MEMBERS + 1)}
    with pytest.raises(DocumentError) as raised:
        read_document("projekt.docx", archive(members))
    assert raised.value.code == DocumentErrorCode.TOO_LARGE


def test_a_member_larger_than_its_header_declares_is_refused():
    members = {"[Content_Types].xml": b"<Types>" + b" " * 1024 * 1024 + b"</Types>"}
    data = lying(archive(members), "[Content_Types].xml", 3)
    with pytest.raises(DocumentError) as raised:
        read_document("projekt.docx", data)
    assert raised.value.code in {DocumentErrorCode.TOO_LARGE, DocumentErrorCode.CORRUPT}


@pytest.mark.django_db
def test_a_docx_bomb_uploaded_through_the_api_is_refused(api_as, act, official):
    data = bomb("word/document.xml", 20 * 1024 * 1024, extra=CONTENT_TYPES)
    response = api_as(official).post(
        f"/api/v1/acts/{act.pk}/versions/",
        {"file": SimpleUploadedFile("projekt.docx", data)},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == DocumentErrorCode.TOO_LARGE
    assert "Po rozpakowaniu" in body["extra"]["fields"]["file"][0]
    assert not ActVersion.objects.exists()
