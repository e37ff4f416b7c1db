"""Consultation and comment attachments are private files: each downloads through its
object's rule (a draft consultation's with its department, a draft comment's with its
authors, a hidden comment's with its authors and the officials), refused with a 404, never
from ``/media/``, under a storage name nobody can guess."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import (
    CommentAttachment,
    CommentStatus,
    ConsultationAttachment,
    ConsultationStatus,
)
from tests import factories
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()
NAME = "Uwagi Stowarzyszenia – zażółć gęślą jaźń.pdf"


def comment_attachment(comment, data=PDF, name=NAME, content_type="application/pdf"):
    return CommentAttachment.objects.create(
        comment=comment,
        name=name,
        content_type=content_type,
        size=len(data),
        file=ContentFile(data, name=name),
    )


def consultation_attachment(consultation, data=PDF, name="Projekt uchwały.pdf"):
    return ConsultationAttachment.objects.create(
        consultation=consultation,
        name=name,
        content_type="application/pdf",
        size=len(data),
        file=ContentFile(data, name=name),
    )


@pytest.fixture
def consultation(department):
    act = factories.LegalActFactory(department=department)
    version = factories.ActVersionFactory(act=act, published_at=timezone.now())
    return factories.ConsultationFactory(version=version)


@pytest.fixture
def submitted(consultation, ngo, ngo_member):
    return factories.CommentFactory(consultation=consultation, organisation=ngo, author=ngo_member)


@pytest.fixture
def draft(consultation, ngo, ngo_member):
    return factories.CommentFactory(
        consultation=consultation,
        organisation=ngo,
        author=ngo_member,
        status=CommentStatus.DRAFT,
        submitted_at=None,
        submitted_by=None,
        tracking_number=None,
    )


@pytest.fixture
def hidden(submitted, official):
    services.comment_hide(comment=submitted, actor=official, reason="Dane osobowe.")
    submitted.refresh_from_db()
    return submitted


def download(request, client_as, persona, url):
    return client_as(request.getfixturevalue(persona)).get(url)


def assert_served(response, data=PDF, name=NAME, content_type="application/pdf"):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition
    fallback = re.search(r'filename="([^"]*)"', disposition)
    assert fallback is not None
    assert fallback.group(1).isascii()


# --- Comment attachments ----------------------------------------------------------------


@pytest.mark.parametrize(
    "persona",
    [
        "anonymous",
        "resident",
        "other_ngo_representative",
        "ngo_member",
        "official",
        "other_official",
    ],
)
def test_a_submitted_comments_attachment_is_public_once_comments_are(
    request, client_as, submitted, persona
):
    attachment = comment_attachment(submitted)
    response = download(request, client_as, persona, attachment.download_url())
    assert_served(response)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anonymous", False),
        ("resident", False),
        ("other_ngo_representative", False),
        ("other_official", False),
        ("ngo_member", True),
        ("ngo_representative", True),
        ("official", True),
        ("administrator", True),
    ],
)
def test_a_hidden_comments_attachment_stays_with_its_authors_and_the_officials(
    request, client_as, hidden, persona, allowed
):
    attachment = comment_attachment(hidden)
    response = download(request, client_as, persona, attachment.download_url())
    if allowed:
        assert_served(response)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anonymous", False),
        ("resident", False),
        ("other_ngo_representative", False),
        ("official", False),
        ("administrator", False),
        ("ngo_member", True),
        ("ngo_representative", True),
    ],
)
def test_a_draft_comments_attachment_stays_with_its_authors(
    request, client_as, draft, persona, allowed
):
    attachment = comment_attachment(draft)
    response = download(request, client_as, persona, attachment.download_url())
    if allowed:
        assert_served(response)
    else:
        assert response.status_code == 404


def test_an_attachment_that_does_not_exist_is_the_same_404(client):
    url = reverse("files:comment-attachment", kwargs={"pk": 999999})
    assert client.get(url).status_code == 404


def test_a_refused_browser_gets_the_html_404_page_and_an_api_client_the_json_error(
    client, api_client, hidden
):
    url = comment_attachment(hidden).download_url()
    page = client.get(url, HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
    answer = api_client.get(url, HTTP_ACCEPT="application/json")
    assert answer.status_code == 404
    assert answer.json()["code"] == "not_found"


def test_an_api_token_downloads_what_its_user_may_see(api_client, hidden, ngo_member):
    from accounts.services import api_token_create

    url = comment_attachment(hidden).download_url()
    assert api_client.get(url).status_code == 404
    token = api_token_create(user=ngo_member)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert_served(api_client.get(url))


def test_the_old_media_address_is_not_served(client, submitted, administrator):
    attachment = comment_attachment(submitted)
    client.force_login(administrator)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    assert client.get(f"/media/comments/{timezone.now().year}/{NAME}").status_code == 404


def test_an_uploaded_attachment_is_stored_under_a_name_nobody_can_guess(draft, ngo_member):
    first = services.comment_attachment_add(
        comment=draft,
        actor=ngo_member,
        uploaded_file=SimpleUploadedFile(NAME, PDF, "application/pdf"),
    )
    second = services.comment_attachment_add(
        comment=draft,
        actor=ngo_member,
        uploaded_file=SimpleUploadedFile(NAME, PDF, "application/pdf"),
    )
    assert first.name.startswith("Uwagi_Stowarzyszenia")  # the name shown, made safe
    for attachment in (first, second):
        stored = attachment.file.name
        assert "Uwagi" not in stored
        assert "Stowarzyszenia" not in stored
        assert re.fullmatch(r"comments/\d{4}/[0-9a-f]{32}\.pdf", stored), stored
    assert first.file.name != second.file.name


def test_a_comments_attachment_is_linked_in_the_api_to_its_download_view(api_as, submitted):
    attachment = comment_attachment(submitted)
    url = reverse("api-comment-detail", kwargs={"pk": submitted.pk})
    body = api_as(None).get(url).json()
    assert body["attachments"][0]["url"] == (
        "http://testserver" + reverse("files:comment-attachment", kwargs={"pk": attachment.pk})
    )


def test_a_text_attachment_is_never_served_as_a_page(client, submitted):
    attachment = comment_attachment(
        submitted, data=b"<html><script>alert(1)</script>", name="a.html", content_type="text/html"
    )
    response = client.get(attachment.download_url())
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


# --- Consultation attachments -----------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anonymous", False),
        ("ngo_representative", False),
        ("other_official", False),
        ("official", True),
        ("administrator", True),
    ],
)
def test_a_draft_consultations_attachment_stays_with_its_department(
    request, client_as, consultation, persona, allowed
):
    consultation.status = ConsultationStatus.DRAFT
    consultation.save()
    attachment = consultation_attachment(consultation)
    response = download(request, client_as, persona, attachment.download_url())
    if allowed:
        assert_served(response, name="Projekt uchwały.pdf")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", ["anonymous", "ngo_representative", "other_official"])
def test_a_scheduled_consultations_attachment_is_public(request, client_as, consultation, persona):
    attachment = consultation_attachment(consultation)
    response = download(request, client_as, persona, attachment.download_url())
    assert_served(response, name="Projekt uchwały.pdf")


def test_a_consultations_attachment_is_linked_in_the_api_and_on_its_page(
    client, api_as, consultation
):
    attachment = consultation_attachment(consultation)
    view = reverse("files:consultation-attachment", kwargs={"pk": attachment.pk})
    body = api_as(None).get(reverse("api-consultation-detail", args=[consultation.pk])).json()
    assert body["attachments"][0]["url"] == "http://testserver" + view
    page = client.get(reverse("consultations:detail", args=[consultation.pk]))
    assert f'href="{view}"' in page.text
    assert "/media/" not in page.text
