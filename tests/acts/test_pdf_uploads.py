"""A text PDF is accepted as a new version of an act in the pages and the API (the readers are
shared); the quotations of an amending act are stored as provisions under the amending unit."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acts.models import ActVersion, Provision
from tests.acts.parsing.pdfs import act_pdf, scanned_pdf

pytestmark = pytest.mark.django_db

AMENDING_ACT = (
    Path(__file__).parent
    / "parsing"
    / "fixtures"
    / "constructed"
    / "uchwala_zmieniajaca_nagroda.txt"
).read_text(encoding="utf-8")


def versions_url(act) -> str:
    return f"/api/v1/acts/{act.pk}/versions/"


def test_a_version_is_added_from_a_pdf_through_the_api(api_as, act, official):
    upload = SimpleUploadedFile("zmiana.pdf", act_pdf(AMENDING_ACT), "application/pdf")

    response = api_as(official).post(versions_url(act), {"file": upload}, format="multipart")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["source_filename"] == "zmiana.pdf"
    assert body["parsed_act_type"] == "uchwała"
    assert [warning["code"] for warning in body["warnings"]] == ["footers_dropped"]
    version = ActVersion.objects.get()
    quotation = Provision.objects.get(version=version, label="§ 1 pkt 2 cytat")
    assert quotation.kind == "quotation"
    assert quotation.anchor == "par-1-pkt-2-cytat"
    assert quotation.parent.label == "§ 1 pkt 2"
    assert quotation.text == (
        "§ 4. 1. Nagrodę przyznaje się corocznie.\n2. Nagroda ma charakter honorowy."
    )
    assert Provision.objects.get(version=version, label="§ 1 pkt 3").text == "w § 5:"


def test_the_pdf_a_version_was_read_from_is_downloaded_as_a_pdf(api_as, act, official):
    upload = SimpleUploadedFile("zmiana.pdf", act_pdf(AMENDING_ACT), "application/pdf")
    api_as(official).post(versions_url(act), {"file": upload}, format="multipart")
    version = ActVersion.objects.get()

    response = api_as(official).get(version.download_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_scanned_pdf_is_refused_at_the_file_field(api_as, act, official):
    upload = SimpleUploadedFile("skan.pdf", scanned_pdf(), "application/pdf")

    response = api_as(official).post(versions_url(act), {"file": upload}, format="multipart")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "document_scanned"
    assert body["extra"]["fields"]["file"]
    assert not ActVersion.objects.exists()


def test_the_version_form_offers_pdf_and_reads_it(client_as, act, official):
    client = client_as(official)
    url = reverse("acts:version_create", args=[act.pk])

    form = client.get(url).context["form"]
    response = client.post(
        url, {"file": SimpleUploadedFile("zmiana.pdf", act_pdf(AMENDING_ACT), "application/pdf")}
    )

    assert ".pdf" in form.fields["file"].widget.attrs["accept"].split(",")
    assert ".pdf" in str(form.fields["file"].help_text)
    assert response.status_code == 302
    version = ActVersion.objects.get()
    assert version.source_filename == "zmiana.pdf"
    assert version.provisions.filter(kind="quotation").count() == 9
    page = client.get(reverse("acts:version_edit", args=[act.pk, 1])).content.decode()
    assert 'id="par-1-pkt-2-cytat"' in page
    assert "Nagrodę przyznaje się corocznie.<br>2. Nagroda ma charakter honorowy." in page


def test_a_scanned_pdf_comes_back_to_the_form_with_the_reason(client_as, act, official):
    response = client_as(official).post(
        reverse("acts:version_create", args=[act.pk]),
        {"file": SimpleUploadedFile("skan.pdf", scanned_pdf(), "application/pdf")},
    )

    assert response.status_code == 200
    assert any("skan" in error for error in response.context["form"].errors["file"])
    assert not ActVersion.objects.exists()
