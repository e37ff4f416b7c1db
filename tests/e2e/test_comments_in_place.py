"""The consultation page in a real browser: a provision with more comments than it shows
offers "Show all N comments"; with the keyboard, the link loads them in place a page at a
time (static/js/comments.js), the focus moves to the first card inserted and the status
region says how many are shown; axe-core finds no WCAG violations before or after, nor on
the page listing them all (the path without JavaScript, which
tests/consultations/pages/test_provision_comments.py covers).
"""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from acts import services as act_services
from consultations.views.reading import ProvisionCommentsView
from tests import factories
from tests.acts.texts import SAMPLE_ACT
from tests.consultations.scenes import *  # noqa: F403

pytestmark = pytest.mark.e2e

COMMENTS = 7
PER_PAGE = 5


@pytest.fixture
def published_version(official, department):
    act = act_services.act_create(
        actor=official,
        department=department,
        title="Projekt uchwały w sprawie programu współpracy",
        subject="w sprawie programu współpracy z organizacjami pozarządowymi",
    )
    version = act_services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    return act_services.version_publish(version=version, actor=official)


@pytest.fixture
def busy_provision(consultation, provisions, monkeypatch):
    """§ 3 with seven submitted comments, "Uwaga 0" to "Uwaga 6" in order of submission;
    the list pages hold five (the live server runs in this process)."""
    monkeypatch.setattr(ProvisionCommentsView, "paginate_by", PER_PAGE)
    provision = next(provision for provision in provisions if provision.label == "§ 3")
    start = timezone.now() - dt.timedelta(hours=1)
    comments = [
        factories.CommentFactory(
            consultation=consultation,
            provision=provision,
            proposed_wording=f"Uwaga {number}",
            submitted_at=start + dt.timedelta(minutes=number),
        )
        for number in range(COMMENTS)
    ]
    return consultation, provision, comments


def _check(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_show_all_loads_the_comments_in_place_with_the_keyboard(page: Page, url, busy_provision):
    consultation, provision, comments = busy_provision
    page.goto(url(reverse("consultations:detail", args=[consultation.pk])))
    row = page.locator(f"#{provision.anchor}")
    cards = row.locator("article.comment")
    expect(cards).to_have_count(3)
    _check(page)

    # From the provision's own link, the next stop is "Show all 7 comments on § 3" (the
    # public has no "Comment on this provision", and the cards hold no links).
    row.locator(".self-link").focus()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute(
        "href",
        reverse("consultations:provision_comments", args=[consultation.pk, provision.pk]),
    )
    expect(focused).to_have_text("Pokaż wszystkie 7 uwag do § 3")
    page.keyboard.press("Enter")

    # The first page (five) is in place: the focus is on the first card that was not.
    expect(cards).to_have_count(PER_PAGE)
    expect(page.locator(":focus")).to_have_id(f"comment-{comments[3].pk}")
    expect(page.locator("[data-comments-status]")).to_have_text("Uwagi do § 3: wyświetlono 5 z 7.")
    expect(page).to_have_url(url(reverse("consultations:detail", args=[consultation.pk])))
    assert [card.get_attribute("id") for card in cards.all()] == [
        f"comment-{comment.pk}" for comment in comments[:PER_PAGE]
    ]

    # The next stop is the link to the rest.
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Pokaż następne 2 uwagi do § 3")
    page.keyboard.press("Enter")

    expect(cards).to_have_count(COMMENTS)
    expect(page.locator(":focus")).to_have_id(f"comment-{comments[5].pk}")
    expect(page.locator("[data-comments-status]")).to_have_text("Uwagi do § 3: wyświetlono 7 z 7.")
    expect(row.locator("[data-load-comments]")).to_have_count(0)
    expect(row).to_contain_text("Uwaga 6")
    _check(page)


def test_axe_finds_no_violations_on_the_page_listing_them_all(page: Page, url, busy_provision):
    consultation, provision, _comments = busy_provision
    path = reverse("consultations:provision_comments", args=[consultation.pk, provision.pk])
    for query in ("", "?page=2"):
        page.goto(url(path + query))
        expect(page.locator("article.comment").first).to_be_visible()
        _check(page)
