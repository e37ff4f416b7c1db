"""An attachment of a request to the council downloads as the request is seen: by the
organisation's members, the council of its term and administrators (404 for anyone
else), from its own view, never from ``/media/``."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from opinions import services
from opinions.models import RequestKind
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()
NAME = "Oferta_Klub_Seniora.pdf"


@pytest.fixture
def attachment(ngo, ngo_representative, chair, council_member):
    council_request = services.request_submit(
        organisation=ngo,
        actor=ngo_representative,
        kind=RequestKind.OFFER_OPINION,
        subject="Opinia o ofercie",
        attachments=[SimpleUploadedFile(NAME, PDF, "application/pdf")],
    )
    return council_request.attachments.get()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anonymous", False),
        ("other_ngo_representative", False),
        ("official", False),
        ("ngo_member", True),
        ("ngo_representative", True),
        ("council_member", True),
        ("administrator", True),
    ],
)
def test_a_requests_attachment_downloads_as_the_request_is_seen(
    request, client_as, attachment, persona, allowed
):
    response = client_as(request.getfixturevalue(persona)).get(attachment.download_url())
    if not allowed:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert f"filename*=UTF-8''{NAME}" in response["Content-Disposition"]


def test_the_attachment_is_stored_under_a_name_nobody_can_guess(attachment):
    assert re.fullmatch(r"council-requests/\d{4}/[0-9a-f]{32}\.pdf", attachment.file.name)


def test_the_old_media_address_is_not_served(client_as, ngo_representative, attachment):
    client = client_as(ngo_representative)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


@override_settings(FILES_ACCEL_REDIRECT_PREFIX="/protected-media/")
def test_behind_the_front_server_the_view_hands_the_file_over_by_x_accel_redirect(
    client_as, ngo_representative, attachment
):
    response = client_as(ngo_representative).get(attachment.download_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert response["Content-Disposition"].startswith("attachment;")
    refused = Client().get(attachment.download_url())
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_the_request_page_and_the_api_link_to_the_download_view(
    client_as, api_as, ngo_representative, attachment
):
    view = reverse("files:council-request-attachment", kwargs={"pk": attachment.pk})
    page = client_as(ngo_representative).get(
        reverse("council:request_detail", args=[attachment.request_id])
    )
    assert f'href="{view}"' in page.text
    body = (
        api_as(ngo_representative)
        .get(reverse("api-council-request-detail", args=[attachment.request_id]))
        .json()
    )
    assert body["attachments"][0]["url"] == "http://testserver" + view
