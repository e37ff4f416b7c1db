"""Accounts and organisations in a real browser: keyboard use, forms, language, axe-core."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import Organisation, OrganisationStatus
from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def _focused_href(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")


def _tab_to_link(page: Page, href: str, limit: int = 40) -> None:
    for _press in range(limit):
        page.keyboard.press("Tab")
        if _focused_href(page) == href:
            return
    raise AssertionError(f"No link to {href} reached with the Tab key")


def test_a_resident_logs_in_with_the_keyboard_only_and_reaches_the_profile(page: Page, url):
    resident = factories.UserFactory(email="resident@example.org", full_name="Ewa Kamińska")
    page.goto(url("/"))

    # The first Tab stop is the skip link, and focus is visible.
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"

    _tab_to_link(page, reverse("accounts:login"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_label("E-mail")).to_be_focused()  # autofocus
    page.keyboard.type(resident.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(url("/"))

    _tab_to_link(page, reverse("accounts:profile"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(url(reverse("accounts:profile")))
    expect(page.locator("main")).to_contain_text(resident.email)


def test_an_invalid_nip_is_shown_at_its_field_then_the_fixed_form_registers(
    page: Page, url, log_in
):
    log_in(factories.UserFactory(email="resident@example.org"))
    page.goto(url(reverse("organisations:register")))
    page.locator("#id_name").fill("Stowarzyszenie Testowe Morze")
    page.locator("#id_krs").fill("0000777777")
    page.locator("#id_nip").fill("526-025-09-94")
    page.locator("#id_city").fill("Sopot")
    page.locator("form.stacked button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    nip = page.locator("#id_nip")
    expect(nip).to_have_attribute("aria-invalid", "true")
    expect(nip).to_have_attribute("aria-describedby", re.compile(r"\bid_nip_error\b"))
    expect(page.locator("#id_nip_error")).to_contain_text("NIP")
    assert not Organisation.objects.exists()

    # The summary links to the field.
    summary.get_by_role("link").first.click()
    expect(nip).to_be_focused()

    nip.fill("526-025-09-95")
    page.locator("form.stacked button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Stowarzyszenie Testowe Morze")
    expect(page.locator(".badge-pending").first).to_be_visible()
    organisation = Organisation.objects.get()
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.nip == "5260250995"


def test_the_language_switcher_changes_to_english_and_back(page: Page, url):
    page.goto(url("/"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("nav")).to_contain_text("Zaloguj się")

    page.locator("#language-select").select_option("en")
    page.locator(".language-switcher button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("nav").first).to_contain_text("Log in")
    expect(page).to_have_url(url("/"))

    page.locator("#language-select").select_option("pl")
    page.locator(".language-switcher button").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("nav").first).to_contain_text("Zaloguj się")


# --- Accessibility ----------------------------------------------------------------------


@pytest.fixture
def pages_to_check(log_in):
    """Each page name gives the path to open; some need data or a logged-in user."""

    def path_for(name: str) -> str:
        if name == "home":
            return reverse("home")
        if name == "login":
            return reverse("accounts:login")
        if name == "registration":
            return reverse("accounts:register")
        area = factories.ActivityAreaFactory(name="Ekologia i ochrona zwierząt")
        organisation = factories.OrganisationFactory(
            name="Stowarzyszenie Przyjaciół Sopotu",
            description="Dbamy o wspólną przestrzeń.",
            website="https://example.org",
            street="ul. Morska 1",
            postal_code="81-701",
        )
        organisation.areas.add(area)
        factories.OrganisationFactory(name="Fundacja Morska")
        if name == "organisation list":
            return reverse("organisations:list")
        if name == "organisation detail":
            return reverse("organisations:detail", args=[organisation.pk])
        official = factories.UserFactory()
        factories.OfficialPostFactory(user=official)
        log_in(official)
        if name == "organisation detail for an official":
            pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)
            return reverse("organisations:detail", args=[pending.pk])
        if name == "organisation register":
            return reverse("organisations:register")
        if name == "profile":
            return reverse("accounts:profile")
        raise AssertionError(name)

    return path_for


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "login",
        "registration",
        "organisation list",
        "organisation detail",
        "organisation detail for an official",
        "organisation register",
        "profile",
    ],
)
def test_axe_finds_no_violations(page: Page, url, pages_to_check, name):
    page.goto(url(pages_to_check(name)))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_in_a_refused_form(page: Page, url, log_in):
    log_in(factories.UserFactory())
    page.goto(url(reverse("organisations:register")))
    page.locator("#id_nip").fill("123")
    page.locator("form.stacked button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
