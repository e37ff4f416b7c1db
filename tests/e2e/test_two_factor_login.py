"""Two-factor login in a real browser: the code page after the password, then in."""

from __future__ import annotations

import re

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests import factories
from tests.accounts.two_factor import code_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def _serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_an_official_sets_up_two_factor_login_then_logs_in_with_a_code(page: Page, url, log_in):
    with time_machine.travel(timezone.now(), tick=True) as clock:
        _set_up_then_log_in(page, url, log_in, clock)


def _set_up_then_log_in(page: Page, url, log_in, clock) -> None:
    official = factories.UserFactory(email="official@example.org", full_name="Anna Nowak")
    factories.OfficialPostFactory(user=official)
    log_in(official)

    # Setting it up: the QR code and the key, then a code from that key.
    page.goto(url(reverse("accounts:two_factor_setup")))
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.locator("[data-totp-secret]").input_value().replace(" ", "")
    key = _hex_key(secret)
    assert _serious_violations(page) == []
    page.get_by_label("Kod").fill(code_for(key))
    page.get_by_role("button", name=re.compile("Potwierdź")).click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)

    # Logging in again: the password, then the code page.
    page.context.clear_cookies()
    clock.shift(60)  # the setup code is spent; the next step's code is new
    page.goto(url(reverse("accounts:login")))
    page.get_by_label("E-mail").fill(official.email)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    expect(page).to_have_url(url(reverse("accounts:login_code")))
    code_field = page.get_by_label("Kod")
    expect(code_field).to_be_focused()
    assert _serious_violations(page) == []

    code_field.fill("000000")
    page.locator("form.stacked button[type=submit]").click()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")

    clock.shift(60)  # past the pause after a wrong code
    page.get_by_label("Kod").fill(code_for(key))
    page.locator("form.stacked button[type=submit]").click()
    expect(page).to_have_url(url("/"))
    page.goto(url(reverse("accounts:profile")))
    expect(page.locator("main")).to_contain_text(official.email)


def _hex_key(base32_secret: str) -> str:
    import base64

    return base64.b32decode(base32_secret).hex()
