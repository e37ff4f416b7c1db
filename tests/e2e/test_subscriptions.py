"""An address subscribes to new consultations, confirms by the mailed link and
unsubscribes in one click, in a real browser (the mails are read from the test outbox:
the live server runs in this process)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from notifications import following
from notifications.follow_models import Subscription
from tests import factories
from tests.notifications.following_helpers import LINK, mails_to

pytestmark = pytest.mark.e2e


def link_in(message, kind: str) -> str:
    (found,) = [match.group(0) for match in LINK.finditer(message.body) if match.group(1) == kind]
    return found


def path_of(address: str) -> str:
    return "/" + address.split("/", 3)[3]


def test_a_subscriber_subscribes_confirms_by_the_link_and_unsubscribes_in_one_click(
    page: Page, url
):
    topic = factories.TopicFactory(name="Kultura")
    factories.TopicFactory(name="Sport")

    page.goto(url(reverse("following:subscribe")))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Adres e-mail").fill("ala@example.org")
    page.get_by_label("Kultura").check()
    page.get_by_role("button", name="Zapisz się").click()
    expect(page.locator(".panel-success")).to_contain_text("ala@example.org")

    (message,) = mails_to("ala@example.org")
    page.goto(url(path_of(link_in(message, "confirm"))))
    assert not Subscription.objects.get().is_confirmed
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Potwierdzam subskrypcję").click()
    expect(page.locator(".panel-success")).to_be_visible()
    (address,) = following.subscribers_for(topic_ids=[topic.pk])
    assert address.email == "ala@example.org"

    page.goto(url(path_of(address.unsubscribe_url)))
    page.get_by_role("button", name="Wypisz się").click()
    expect(page.locator(".panel-success")).to_be_visible()
    assert not Subscription.objects.exists()


def test_a_user_follows_a_department_from_an_act_and_finds_it_in_what_they_follow(
    page: Page, url, log_in, department
):
    user = factories.UserFactory(email="resident@example.org")
    act = factories.LegalActFactory(department=department)
    factories.ActVersionFactory(act=act, published_at=act.created_at)
    log_in(user)

    page.goto(url(reverse("acts:detail", args=[act.pk])))
    page.get_by_role("button", name=f"Obserwuj „{department.name}”").click()
    expect(
        page.get_by_role("button", name=f"Przestań obserwować „{department.name}”")
    ).to_be_visible()

    page.goto(url(reverse("following:list")))
    expect(page.locator("main")).to_contain_text(department.name)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    title = f"{department.name} ({department.authority.name})"
    page.get_by_role("button", name=f"Przestań obserwować „{title}”").click()
    expect(page.locator("main")).to_contain_text("Nic jeszcze nie obserwujesz.")
