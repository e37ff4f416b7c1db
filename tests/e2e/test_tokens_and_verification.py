"""The e-mail verification page and the API tokens on the profile, in a real browser."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Page, expect

from accounts.models import ApiToken, User
from accounts.tokens import email_verification_token
from tests import factories

pytestmark = pytest.mark.e2e


def test_the_verification_link_opens_a_page_and_only_its_button_confirms(page: Page, url):
    user = factories.UserFactory(email="nowa@example.org", email_verified_at=None)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)

    page.goto(url(reverse("accounts:verify_email", args=[uid, token])))

    expect(page.locator("main")).to_contain_text("nowa@example.org")
    assert User.objects.get(pk=user.pk).email_verified_at is None
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.locator("main form button[type=submit]").click()
    expect(page.locator(".panel-success")).to_be_visible()
    assert User.objects.get(pk=user.pk).email_verified_at is not None


def test_tokens_are_made_listed_and_revoked_on_the_profile(page: Page, url, log_in):
    user = factories.UserFactory(email="resident@example.org")
    log_in(user)
    page.goto(url(reverse("accounts:profile")))

    page.locator("#id_label").fill("eksport nocny")
    page.get_by_role("button", name="Utwórz nowy token").click()
    key = page.locator("#api-token").input_value()
    assert ApiToken.objects.get(user=user).prefix == key[:8]
    expect(page.locator("main")).to_contain_text("90 dni")

    page.goto(url(reverse("accounts:profile")))
    row = page.locator("tr", has_text="eksport nocny")
    expect(row).to_contain_text(key[:8])
    assert key not in page.content()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    row.get_by_role("button").click()
    expect(page.locator("main")).not_to_contain_text("eksport nocny")
    assert ApiToken.objects.get(user=user).revoked_at is not None
