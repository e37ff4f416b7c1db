"""The site's icon: linked from every page, and /favicon.ico (which browsers ask for on
their own) leads to it, also under the production manifest storage."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.core.test_health import COMPLETE_MANIFEST, _collect, _manifest_storage

pytestmark = pytest.mark.django_db


def test_every_page_links_the_icon(client):
    page = client.get(reverse("home")).content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("img/favicon.svg")


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"


def test_favicon_ico_leads_to_the_hashed_icon_under_the_manifest_storage(
    client, settings, tmp_path
):
    _collect(tmp_path, COMPLETE_MANIFEST)
    _manifest_storage(settings, tmp_path)

    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.5a5a.svg"
