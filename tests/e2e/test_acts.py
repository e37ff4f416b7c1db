"""Legal acts in a real browser: an official pastes a text, checks the parse and publishes;
axe-core finds no WCAG violations on the act's page and in the version editor."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from acts import services
from acts.models import ActStatus, LegalAct
from tests.acts.texts import SAMPLE_ACT, SAMPLE_ACT_V2

pytestmark = pytest.mark.e2e


@pytest.fixture
def act(official, department) -> LegalAct:
    return services.act_create(
        actor=official,
        department=department,
        title="Projekt uchwały w sprawie programu współpracy",
        subject="w sprawie programu współpracy z organizacjami pozarządowymi",
    )


def test_an_official_pastes_a_text_checks_the_preview_and_publishes(
    page: Page, url, log_in, official, act
):
    log_in(official)
    page.goto(url(reverse("acts:version_create", args=[act.pk])))
    # Selectors by id and address: the page speaks the user's language (Polish here).
    page.locator("#id_text").fill(SAMPLE_ACT)
    page.locator("main form button[type=submit]").click()

    # The editor: the parsed tree beside the source text.
    expect(page).to_have_url(url(reverse("acts:version_edit", args=[act.pk, 1])))
    point = page.locator("#par-1-ust-2-pkt-1")
    expect(point).to_contain_text("konsultacje aktów prawa miejscowego;")
    expect(point.locator(".provision-label").first).to_have_text("§ 1 ust. 2 pkt 1")
    expect(page.locator("#id_text")).to_have_value(re.compile("Program obejmuje:"))

    # The caret in a unit's text fills in the split position (progressive enhancement).
    unit = page.locator("#par-2")
    unit.locator("summary").first.click()
    source = unit.locator("[data-split-source]").first
    # Clicking into the text puts the caret there; its position fills the number input.
    # (Chromium moves no caret by keyboard in a read-only field; keyboard users type it.)
    source.click(position={"x": 60, "y": 10})
    caret = source.evaluate("textarea => textarea.selectionStart")
    assert 0 < caret < 51
    expect(unit.locator("[data-split-offset]").first).to_have_value(str(caret))

    publish_url = reverse("acts:version_publish", args=[act.pk, 1])
    page.locator(f'a[href="{publish_url}"]').click()
    expect(page).to_have_url(url(publish_url))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(url(reverse("acts:version", args=[act.pk, 1])))
    expect(page.locator(".messages [role=status]")).to_be_visible()
    expect(page.locator("#par-1-ust-2-pkt-1")).to_be_visible()
    act.refresh_from_db()
    assert act.status == ActStatus.PUBLISHED


@pytest.fixture
def pages_to_check(act, official):
    first = services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    services.version_publish(version=first, actor=official)
    services.version_create(
        act=act,
        actor=official,
        text=SAMPLE_ACT_V2.replace("§ 3. Program", "§ 5. Program"),  # a numbering gap
    )
    return {
        "act detail": reverse("acts:detail", args=[act.pk]),
        "version editor": reverse("acts:version_edit", args=[act.pk, 2]),
        "act list": reverse("acts:list"),
        "redline": reverse("acts:redline", args=[act.pk, 2]),
        "new act": reverse("acts:create"),
        "publish confirmation": reverse("acts:version_publish", args=[act.pk, 2]),
    }


@pytest.mark.parametrize(
    "name",
    ["act detail", "version editor", "act list", "redline", "new act", "publish confirmation"],
)
def test_axe_finds_no_violations(page: Page, url, log_in, official, pages_to_check, name):
    log_in(official)
    page.goto(url(pages_to_check[name]))
    # Check the correction forms too, not only their closed disclosure.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
