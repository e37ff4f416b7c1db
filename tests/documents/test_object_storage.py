"""Files in an S3-compatible bucket (``STORAGE_BACKEND=s3``), against a local S3 server:
a report is rendered, signed and stored in the bucket (nothing on disk, no public grant),
downloads through the API and the verification page behind their permission checks,
streamed by the web process, and verifies as issued; an uploaded attachment downloads
from the bucket in the same way. The deployment check refuses X-Accel-Redirect with it."""

from __future__ import annotations

import hashlib

import pytest
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services
from documents.models import DocumentStatus
from opinions import services as opinion_services
from opinions.models import RequestKind
from tests.documents.conftest import make_published_report
from tests.pdf import minimal_pdf
from tests.s3 import *  # noqa: F403

pytestmark = pytest.mark.django_db

PUBLIC_GRANTEES = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def is_public(bucket, key: str) -> bool:
    return any(grant["Grantee"].get("URI") in PUBLIC_GRANTEES for grant in bucket.acl_grants(key))


def test_a_report_is_rendered_signed_stored_in_the_bucket_downloaded_and_verified(
    s3_storage, settings, api_as, client, django_capture_on_commit_callbacks
):
    report, _comments = make_published_report(count=2)
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_queue(kind="consultation_report", subject=report)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    # The signed PDF and the exports made with it (DOCX, XLSX), all in the bucket, none public.
    stored_names = [document.file.name, document.docx_file.name, document.xlsx_file.name]
    assert sorted(s3_storage.keys()) == sorted(stored_names)
    for name in stored_names:
        assert not (settings.MEDIA_ROOT / name).exists()
        assert not is_public(s3_storage, name)
    stored = s3_storage.read(document.file.name)
    assert hashlib.sha256(stored).hexdigest() == document.sha256

    shown = api_as().get(f"/api/v1/documents/{document.pk}/").json()
    assert settings.STORAGES["default"]["OPTIONS"]["endpoint_url"] not in str(shown)
    download = api_as().get(shown["file_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Length"] == str(len(stored))
    assert "X-Accel-Redirect" not in download
    assert b"".join(download.streaming_content) == stored

    verified = client.post(
        reverse("documents:verify"),
        {"file": SimpleUploadedFile("raport.pdf", stored, content_type="application/pdf")},
    ).content.decode()
    assert "niezmieniony i ważnie podpisany" in verified
    original = client.get(reverse("documents:verify_download", args=[document.verification_code]))
    assert b"".join(original.streaming_content) == stored


def test_a_file_missing_from_the_bucket_is_not_found(s3_storage, api_as):
    report, _comments = make_published_report(count=1)
    document = services.document_queue(kind="consultation_report", subject=report)
    document.status = DocumentStatus.READY
    document.file.name = "documents/2026/missing.pdf"
    document.save()
    assert api_as().get(f"/api/v1/documents/{document.pk}/file/").status_code == 404


def test_an_uploaded_attachment_downloads_from_the_bucket_as_the_request_is_seen(
    s3_storage, client_as, ngo, ngo_representative, other_ngo_representative, chair
):
    pdf = minimal_pdf("oferta")
    council_request = opinion_services.request_submit(
        organisation=ngo,
        actor=ngo_representative,
        kind=RequestKind.OFFER_OPINION,
        subject="Opinia o ofercie",
        attachments=[SimpleUploadedFile("Oferta.pdf", pdf, "application/pdf")],
    )
    attachment = council_request.attachments.get()
    assert s3_storage.keys() == [attachment.file.name]
    assert not is_public(s3_storage, attachment.file.name)

    refused = client_as(other_ngo_representative).get(attachment.download_url())
    assert refused.status_code == 404
    response = client_as(ngo_representative).get(attachment.download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Cache-Control"] == "private"


def test_the_front_server_cannot_send_files_from_a_bucket(settings):
    settings.STORAGE_BACKEND = "s3"
    settings.FILES_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    assert [error.id for error in run_checks() if error.id == "core.E001"] == ["core.E001"]
    settings.FILES_ACCEL_REDIRECT_PREFIX = ""
    assert "core.E001" not in [error.id for error in run_checks()]
    settings.STORAGE_BACKEND = "filesystem"
    settings.FILES_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    assert "core.E001" not in [error.id for error in run_checks()]


def test_an_unknown_storage_backend_stops_the_start(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import config.settings.base as base

    monkeypatch.setenv("STORAGE_BACKEND", "ftp")
    with pytest.raises(ImproperlyConfigured, match="STORAGE_BACKEND"):
        importlib.reload(base)
    monkeypatch.setenv("STORAGE_BACKEND", "s3")
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        importlib.reload(base)
    monkeypatch.undo()
    importlib.reload(base)
