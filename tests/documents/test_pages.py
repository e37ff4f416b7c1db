"""The documents on the subject's pages: their status, size and download link; the button
that asks for the current data's document; downloads behind the subject's permission."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.models import Document
from tests.documents.test_api import ready_document

pytestmark = pytest.mark.django_db


def test_the_resolution_page_shows_its_documents_status_and_download(client, position_in, worker):
    position = position_in("adopted")  # adopting queued its document
    [queued] = Document.objects.filter(kind="position", subject_id=position.pk)
    page = client.get(reverse("council:resolution_detail", args=[position.pk])).content.decode()
    assert "Dokumenty (PDF)" in page
    assert "w kolejce" in page
    assert f'data-document-status-url="/api/v1/documents/{queued.pk}/"' in page
    assert "js/documents.js" in page

    ready = ready_document("position", position.pk, version=1)
    page = client.get(reverse("council:resolution_detail", args=[position.pk])).content.decode()
    assert reverse("documents:download", args=[ready.pk]) in page
    assert "gotowy" in page
    download = client.get(reverse("documents:download", args=[ready.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(f'attachment; filename="{ready.filename}"')


def test_a_council_member_asks_for_the_drafts_document_from_its_page(
    client_as, position_in, council_member, worker
):
    position = position_in("draft")
    client = client_as(council_member)
    page_url = reverse("council:position_detail", args=[position.pk])
    assert "Wygeneruj PDF aktualnej wersji" in client.get(page_url).content.decode()

    response = client.post(
        reverse("documents:request"),
        {"kind": "position", "subject": position.pk, "next": page_url},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == page_url
    text = response.content.decode()
    assert "Dokument jest przygotowywany" in text
    assert "w kolejce" in text
    assert "Wygeneruj PDF aktualnej wersji" not in text  # one is being made
    assert Document.objects.filter(kind="position", subject_id=position.pk).count() == 1


def test_an_outsider_neither_asks_for_nor_downloads_a_drafts_document(
    client_as, position_in, official
):
    position = position_in("draft")
    document = ready_document("position", position.pk)
    client = client_as(official)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    response = client.post(
        reverse("documents:request"), {"kind": "position", "subject": position.pk, "next": "/"}
    )
    assert response.status_code == 302
    assert Document.objects.filter(kind="position").count() == 1


def test_the_report_page_shows_the_reports_documents(client, published_report):
    consultation, _comments = published_report()
    document = ready_document("consultation_report", consultation.pk)
    page = client.get(reverse("consultations:report", args=[consultation.pk])).content.decode()
    assert reverse("documents:download", args=[document.pk]) in page
    assert reverse("documents:verify_code", args=[document.verification_code]) in page


def test_the_public_sees_the_documents_but_asks_for_none(client, position_in):
    position = position_in("adopted")
    page_url = reverse("council:resolution_detail", args=[position.pk])
    assert "Wygeneruj PDF" not in client.get(page_url).content.decode()
    response = client.post(
        reverse("documents:request"), {"kind": "position", "subject": position.pk}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_request_goes_back_only_to_this_site(client_as, position_in, council_member):
    position = position_in("adopted")
    response = client_as(council_member).post(
        reverse("documents:request"),
        {"kind": "position", "subject": position.pk, "next": "https://example.org/"},
    )
    assert response["Location"] == reverse("home")
