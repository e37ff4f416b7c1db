"""The file a version was read from downloads as the version is seen: a published
version's by everyone, a draft's by the act's editors only (404 for anyone else)."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from acts.models import ActVersion
from tests import factories

pytestmark = pytest.mark.django_db

TEXT = "§ 1. Uchwała wchodzi w życie z dniem podjęcia.\n".encode()
NAME = "Projekt uchwały – źródło.txt"


def with_source(version: ActVersion) -> ActVersion:
    version.source_filename = NAME
    version.source_file.save(NAME, ContentFile(TEXT), save=True)
    return version


@pytest.fixture
def draft_version(department):
    act = factories.LegalActFactory(department=department)
    return with_source(factories.ActVersionFactory(act=act))


@pytest.fixture
def published_version(department):
    act = factories.LegalActFactory(department=department)
    return with_source(factories.ActVersionFactory(act=act, published_at=timezone.now()))


def served(response) -> bool:
    if response.status_code != 200:
        return False
    assert b"".join(response.streaming_content) == TEXT
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert (
        "filename*=UTF-8''Projekt%20uchwa%C5%82y%20%E2%80%93%20%C5%BAr%C3%B3d%C5%82o.txt"
        in (response["Content-Disposition"])
    )
    return True


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
def test_a_draft_versions_source_file_stays_with_the_acts_editors(
    request, client_as, draft_version, persona, allowed
):
    client = client_as(request.getfixturevalue(persona))
    assert served(client.get(draft_version.download_url())) is allowed


@pytest.mark.parametrize("persona", ["anonymous", "ngo_representative", "other_official"])
def test_a_published_versions_source_file_is_public(request, client_as, published_version, persona):
    client = client_as(request.getfixturevalue(persona))
    assert served(client.get(published_version.download_url()))


def test_a_version_without_a_file_has_no_download(client, department):
    version = factories.ActVersionFactory(
        act=factories.LegalActFactory(department=department), published_at=timezone.now()
    )
    assert version.download_url() is None
    url = reverse("files:act-version-source", kwargs={"pk": version.pk})
    assert client.get(url).status_code == 404


def test_the_source_file_is_stored_under_a_name_that_says_nothing(draft_version):
    assert re.fullmatch(r"acts/\d{4}/[0-9a-f]{32}\.txt", draft_version.source_file.name)


def test_the_api_links_a_versions_source_file_to_its_download_view(api_as, official, draft_version):
    url = reverse(
        "api-version-detail",
        kwargs={"pk": draft_version.act_id, "number": draft_version.number},
    )
    body = api_as(official).get(url).json()
    assert body["source_url"] == "http://testserver" + draft_version.download_url()
