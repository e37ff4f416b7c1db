"""A member sees the unread count in the header, opens the inbox, reads a vote's
notification (a plain form, no script needed) and the count goes; axe-core finds no WCAG
violations on the inbox and the preferences."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from notifications import registry, services
from notifications.categories import COUNCIL
from notifications.registry import EventType
from tests import factories

pytestmark = pytest.mark.e2e

VOTE_OPENED = EventType(
    name="test.vote_opened", category=COUNCIL, label="Vote opened", template="notification"
)


def assert_no_violations(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_member_sees_the_unread_count_and_reads_a_vote_notification(
    page: Page, url, log_in, transactional_db
):
    registry.register(VOTE_OPENED)
    member = factories.UserFactory(full_name="Maria Radna")
    for key, title in (("1", "Głosowanie otwarte: uchwała 3/2026"), ("2", "Nowy projekt")):
        services.record(
            event=VOTE_OPENED.name,
            key=key,
            recipients=[member],
            context={"title": title, "text": "Termin głosowania: piątek."},
            link="/council/",
        )
    log_in(member)
    page.goto(url("/"))
    menu = page.get_by_role("navigation", name="Menu główne")
    inbox_link = menu.get_by_role("link", name="Powiadomienia 2 nieprzeczytane")
    expect(inbox_link).to_be_visible()
    inbox_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Powiadomienia")
    expect(
        page.get_by_role("heading", name="nowe Głosowanie otwarte: uchwała 3/2026")
    ).to_be_visible()
    assert_no_violations(page)
    vote = page.get_by_role("listitem").filter(has_text="Głosowanie otwarte")
    vote.get_by_role("button", name=re.compile(r"^Oznacz jako przeczytane")).click()
    expect(menu.get_by_role("link", name="Powiadomienia 1 nieprzeczytane")).to_be_visible()
    page.get_by_role("button", name="Oznacz wszystkie jako przeczytane").click()
    expect(menu.get_by_role("link", name="Powiadomienia", exact=True)).to_be_visible()
    page.get_by_role("link", name="Ustawienia powiadomień").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ustawienia powiadomień")
    assert_no_violations(page)
