"""An amending act in a real browser: from the act's page a reader follows a change to the
unit it changes and opens the consolidated text, marked as informative, with the changes
marked in words; axe-core finds no WCAG violations on the act's page, the consolidated
text and the act's form with its suggestion."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from acts.models import ActVersion, LegalAct
from tests.acts.amendments import conftest as amendment_scene

pytestmark = pytest.mark.e2e

amended_act = amendment_scene.amended_act
amending_act = amendment_scene.amending_act
amending_draft = amendment_scene.amending_draft
amending_version = amendment_scene.amending_version


def test_a_reader_follows_a_change_and_opens_the_consolidated_text(
    page: Page, url, amended_act: LegalAct, amending_version: ActVersion
):
    page.goto(url(reverse("acts:detail", args=[amending_version.act_id])))

    # The quoted new wording is its own block, in Polish.
    quotation = page.locator("#par-1-pkt-1-cytat blockquote[lang=pl]")
    expect(quotation).to_contain_text("Nagroda ma charakter honorowy.")

    # The amending unit names where its change lands and leads there.
    page.locator("#par-1-pkt-1 .amendment-links a").first.click()
    expect(page).to_have_url(url(reverse("acts:version", args=[amended_act.pk, 1])) + "#par-4")
    expect(page.locator("#par-4")).to_contain_text("Nagroda ma formę pieniężną.")

    page.go_back()
    page.locator(
        f'a[href="{reverse("acts:consolidated", args=[amending_version.act_id, 1])}"]'
    ).click()
    expect(page.locator("h1")).to_have_text("Tekst ujednolicony (informacyjny)")
    expect(page.locator("[role=note]").first).to_contain_text("bez mocy prawnej")
    # Changes in words: the new ust. 3a inserted, the old "30 dni" deleted.
    expect(page.locator(".redline ins").filter(has_text="Komisja działa jawnie.")).to_be_visible()
    expect(page.locator(".redline del").filter(has_text="30")).to_be_visible()
    # What could not be applied is listed, with a link to the amending unit.
    expect(page.locator("#not-applied")).to_contain_text("§ 1 pkt 6")
    expect(page.locator("#not-applied")).to_contain_text("§ 1 pkt 5")


@pytest.mark.parametrize("name", ["act detail", "consolidated", "act form"])
def test_axe_finds_no_violations(
    page: Page, url, log_in, official, amended_act, amending_version, name
):
    act_pk = amending_version.act_id
    pages = {
        "act detail": reverse("acts:detail", args=[act_pk]),
        "consolidated": reverse("acts:consolidated", args=[act_pk, 1]),
        "act form": reverse("acts:edit", args=[act_pk]),
    }
    log_in(official)
    page.goto(url(pages[name]))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
