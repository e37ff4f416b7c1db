"""The council in a real browser: a member casts a circulation ballot with the keyboard
only, the chair accepts an amendment, and axe-core finds no WCAG violations on the
council's pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from opinions.models import Amendment, AmendmentStatus, Ballot, BallotChoice
from tests.opinions.pages import conftest as scene
from tests.opinions.pages.helpers import vote_of

pytestmark = pytest.mark.e2e

# The council's scene (personas and a position in each state), shared with the page tests.
council = scene.council
term = scene.term
make_member = scene.make_member
chair = scene.chair
secretary = scene.secretary
council_member = scene.council_member
recused_member = scene.recused_member
former_member = scene.former_member
members = scene.members
consultation = scene.consultation
comments = scene.comments
draft_position = scene.draft_position
voting_position = scene.voting_position
adopted_position = scene.adopted_position
rejected_position = scene.rejected_position


def _tab_until(page: Page, script: str, limit: int = 60) -> None:
    """Press Tab until ``script`` (about ``document.activeElement``) is true."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {script}")


def test_a_member_casts_a_circulation_ballot_with_the_keyboard(
    page: Page, url, log_in, council_member, voting_position
):
    vote = vote_of(voting_position)
    log_in(council_member)
    page.goto(url(reverse("council:vote_detail", args=[vote.pk])))

    # Tab into the radio group; the arrow keys move between for, against and abstain.
    _tab_until(page, "el && el.name === 'choice'")
    expect(page.locator("#id_choice_0")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_choice_1")).to_be_focused()
    expect(page.locator("#id_choice_1")).to_be_checked()
    # The focused option is visibly marked.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    # On to the submit button and press it.
    _tab_until(page, "el && el.type === 'submit' && el.closest('form[action$=\"/ballot/\"]')")
    page.keyboard.press("Enter")

    expect(page).to_have_url(url(reverse("council:vote_detail", args=[vote.pk])))
    expect(page.locator(".messages [role=status]")).to_be_visible()
    expect(page.locator("#id_choice_1")).to_be_checked()
    ballot = Ballot.objects.get(vote=vote, member__user=council_member)
    assert ballot.choice == BallotChoice.AGAINST


def test_the_chair_accepts_an_amendment(page: Page, url, log_in, chair, draft_position):
    amendment = Amendment.objects.get(item__position=draft_position)
    log_in(chair)
    page.goto(url(reverse("council:position_detail", args=[draft_position.pk])))
    accept = page.locator(
        f'form[action="{reverse("council:amendment_accept", args=[amendment.pk])}"] button'
    )
    expect(accept).to_be_visible()
    accept.click()

    item = page.locator(f"#item-{amendment.item_id}")
    expect(page.locator(".messages [role=status]")).to_be_visible()
    expect(item.locator(".item-text")).to_have_text("Konsultacje trwają co najmniej 35 dni.")
    expect(item.locator(f"#amendment-{amendment.pk} .badge")).to_be_visible()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED


@pytest.fixture
def council_pages(draft_position, voting_position, adopted_position, rejected_position, term):
    return {
        "workspace": reverse("council:workspace"),
        "position detail": reverse("council:position_detail", args=[draft_position.pk]),
        "comment picker": reverse("council:comment_picker", args=[draft_position.pk]),
        "vote page": reverse("council:vote_detail", args=[vote_of(voting_position).pk]),
        "closed vote page": reverse("council:vote_detail", args=[vote_of(adopted_position).pk]),
        "adopted list": reverse("council:adopted_list"),
        "resolution detail": reverse("council:resolution_detail", args=[adopted_position.pk]),
        "term page": reverse("council:term_detail", args=[term.pk]),
        "position editor": reverse("council:position_edit", args=[draft_position.pk]),
        "amendment form": reverse(
            "council:amendment_propose", args=[draft_position.pk, draft_position.items.first().pk]
        ),
        "new position": reverse("council:position_create"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "workspace",
        "position detail",
        "comment picker",
        "vote page",
        "closed vote page",
        "adopted list",
        "resolution detail",
        "term page",
        "position editor",
        "amendment form",
        "new position",
    ],
)
def test_axe_finds_no_violations(page: Page, url, log_in, chair, council_pages, name):
    log_in(chair)  # the chair sees the most: every button and form
    page.goto(url(council_pages[name]))
    # Check the disclosed forms too (notes, conflict of interest, the text voted on).
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_refused_ballot_is_announced_and_axe_finds_no_violations(
    page: Page, url, log_in, council_member, voting_position
):
    vote = vote_of(voting_position)
    log_in(council_member)
    page.goto(url(reverse("council:vote_detail", args=[vote.pk])))
    page.locator('form[action$="/ballot/"] button[type=submit]').click()  # no choice made
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # site.js moves focus there, so it is read first
    expect(summary.locator('a[href="#id_choice"]')).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
