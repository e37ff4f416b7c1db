"""A verified organisation's new name in a real browser: the representative's change
awaits review, the administrator approves it on the organisation's page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests import factories

pytestmark = pytest.mark.e2e

OLD_NAME = "Stowarzyszenie Przyjaciół Sopotu"
NEW_NAME = "Stowarzyszenie Nowa Nazwa"


def test_a_rename_awaits_review_until_an_administrator_approves_it(page: Page, url, log_in):
    ngo = factories.OrganisationFactory(name=OLD_NAME)
    representative = factories.RepresentativeFactory(organisation=ngo).user
    administrator = factories.UserFactory(is_staff=True)

    log_in(representative)
    page.goto(url(reverse("organisations:edit", args=[ngo.pk])))
    page.locator("#id_name").fill(NEW_NAME)
    page.locator("form.stacked button[type=submit]").first.click()

    expect(page).to_have_url(url(reverse("organisations:detail", args=[ngo.pk])))
    expect(page.locator("h1")).to_have_text(OLD_NAME)
    pending = page.locator("#pending-change")
    expect(pending).to_be_visible()
    expect(pending).to_contain_text(NEW_NAME)
    expect(pending.locator("button")).to_have_count(0)  # not the representative's to approve

    log_in(administrator)
    page.goto(url(reverse("organisations:detail", args=[ngo.pk])))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.locator("#pending-change form").first.locator("button").click()

    expect(page.locator("h1")).to_have_text(NEW_NAME)
    expect(page.locator("#pending-change")).to_have_count(0)
