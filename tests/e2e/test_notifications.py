"""A member sees the unread count in the header, opens the inbox, reads a vote's
notification (a plain form, no script needed) and the count goes; axe-core finds no WCAG
violations on the inbox and the preferences. Then the same with a real vote, opened by the
chair through the council's services: the entitled member reads it and its link leads to
the vote's page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from notifications import registry, services
from notifications.categories import COUNCIL
from notifications.registry import EventType
from opinions import services as opinion_services
from opinions.models import VoteMode
from tests import factories
from tests.opinions.pages import conftest as scene

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


# --- A real vote: opened by the chair through the council's services ---------------------

council = scene.council
term = scene.term
make_member = scene.make_member
chair = scene.chair
secretary = scene.secretary
council_member = scene.council_member
recused_member = scene.recused_member
former_member = scene.former_member
members = scene.members


def test_a_member_sees_the_unread_count_after_a_vote_opens_and_reads_its_notification(
    page: Page, url, log_in, members, term, chair, council_member
):
    position = scene.make_position(council_member, term, subject="stanowisko w sprawie budżetu")
    log_in(council_member)
    page.goto(url("/"))
    menu = page.get_by_role("navigation", name="Menu główne")
    expect(menu.get_by_role("link", name="Powiadomienia", exact=True)).to_be_visible()

    vote = opinion_services.vote_open(
        position=position,
        actor=chair,
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=2),
    )

    page.reload()
    inbox_link = menu.get_by_role("link", name="Powiadomienia 1 nieprzeczytane")
    expect(inbox_link).to_be_visible()
    inbox_link.click()
    title = "Głosowanie: stanowisko w sprawie budżetu"
    expect(page.get_by_role("heading", name=f"nowe {title}")).to_be_visible()
    item = page.get_by_role("listitem").filter(has_text=title)
    expect(item).to_contain_text("Zagłosuj w sprawie „stanowisko w sprawie budżetu”")
    # The button names its item for a screen reader (the title is visually hidden).
    read = re.compile(rf"^Oznacz jako przeczytane\W+{re.escape(title)}$")
    item.get_by_role("button", name=read).click()
    expect(menu.get_by_role("link", name="Powiadomienia", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()

    page.get_by_role("link", name=title).click()
    expect(page).to_have_url(url(reverse("council:vote_detail", args=[vote.pk])))
    expect(page.get_by_role("heading", level=1)).to_have_text("Głosowanie w trybie obiegowym")
    expect(page.locator("main")).to_contain_text("stanowisko w sprawie budżetu")
    expect(page.locator("#id_choice_0")).to_be_visible()  # entitled: the ballot is there
