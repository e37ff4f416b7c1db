"""Page defects a browser meets: the act upload picker offers every format the server reads,
the site has an icon, and a council request's status and timeline follow its state."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from acts import services as act_services
from acts.models import LegalAct
from tests.acts.parsing.test_parser_readers import odt_bytes
from tests.acts.texts import SAMPLE_ACT
from tests.opinions.pages import conftest as scene

pytestmark = pytest.mark.e2e

# The council's scene, shared with the page tests.
council = scene.council
term = scene.term
make_member = scene.make_member
chair = scene.chair
secretary = scene.secretary
council_member = scene.council_member
recused_member = scene.recused_member
former_member = scene.former_member
members = scene.members
council_request = scene.council_request


@pytest.fixture
def act(official, department) -> LegalAct:
    return act_services.act_create(
        actor=official,
        department=department,
        title="Projekt uchwały w sprawie programu współpracy",
        subject="w sprawie programu współpracy z organizacjami pozarządowymi",
    )


def test_the_act_upload_picker_offers_odt_and_the_page_reads_it(
    page: Page, url, log_in, official, act
):
    log_in(official)
    page.goto(url(reverse("acts:version_create", args=[act.pk])))
    picker = page.locator("input[type=file]#id_file")
    expect(picker).to_have_attribute("accept", re.compile(r"(^|,)\.odt(,|$)"))
    expect(page.locator("#id_file_helptext")).to_contain_text(".odt")

    lines = [line for line in SAMPLE_ACT.splitlines() if line.strip()]
    picker.set_input_files(
        {
            "name": "projekt.odt",
            "mimeType": "application/vnd.oasis.opendocument.text",
            "buffer": odt_bytes(lines, []),
        }
    )
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(url(reverse("acts:version_edit", args=[act.pk, 1])))
    expect(page.locator("#par-1-ust-2-pkt-1")).to_contain_text(
        "konsultacje aktów prawa miejscowego;"
    )


def test_the_site_has_an_icon(page: Page, url):
    page.goto(url(reverse("home")))
    icon = page.locator("link[rel=icon]")
    expect(icon).to_have_attribute("href", re.compile(r"favicon.*\.svg$"))

    response = page.goto(url("/favicon.ico"))
    assert response is not None
    assert response.ok
    assert response.headers["content-type"].startswith("image/svg+xml")


def test_a_request_waits_for_the_officers_until_the_secretary_accepts_it(
    page: Page, url, log_in, secretary, council_request
):
    log_in(secretary)
    page.goto(url(reverse("council:request_detail", args=[council_request.pk])))
    progress = page.locator(".request-progress li")
    expect(progress).to_have_count(2)
    expect(progress.nth(1)).to_have_attribute("aria-current", "step")
    expect(progress.nth(1)).to_contain_text("Czeka na przyjęcie lub odrzucenie")
    expect(page.locator("main")).not_to_contain_text("Członkowie przygotowują")

    page.locator(
        f'form[action="{reverse("council:request_accept", args=[council_request.pk])}"] button'
    ).click()

    expect(progress).to_have_count(3)
    expect(progress.nth(1)).to_contain_text("Przyjęty przez radę")
    expect(progress.nth(1)).to_contain_text(secretary.full_name)
    expect(progress.nth(2)).to_contain_text("Członkowie przygotowują projekt stanowiska")
