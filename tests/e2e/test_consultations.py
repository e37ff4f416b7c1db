"""Consultations in a real browser: an NGO representative comments on a provision using the
keyboard and reads the receipt; an official answers a comment in the answer table with the
keyboard; axe-core finds no WCAG violations on the consultation pages.

The deadline is checked against the database clock, which no test can freeze; so the scenes
sit around the real present, and "after the end" is reached by moving the end into the past
(the rows, not the clock).
"""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from acts import services as act_services
from consultations import services
from consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    Consultation,
    Disposition,
)
from tests.acts.texts import SAMPLE_ACT
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted

pytestmark = pytest.mark.e2e


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
def open_scene(consultation, provisions, ngo, ngo_representative, ngo_member, resident):
    by_label = {provision.label: provision for provision in provisions}
    comments = {
        "submitted": submitted(
            consultation,
            ngo_representative,
            ngo,
            by_label["§ 1 ust. 2 pkt 1"],
            proposed_wording="konsultacje aktów prawa miejscowego i programów;",
            justification="Programy też wymagają konsultacji.",
        ),
        "resident": comment_on(
            consultation,
            resident,
            proposed_wording="",
            justification="Cały program jest zbyt ogólny.",
            submit=True,
        ),
        "draft": comment_on(consultation, ngo_member, organisation=ngo, provision=by_label["§ 2"]),
    }
    for number in range(4):
        submitted(
            consultation,
            ngo_representative,
            ngo,
            by_label["§ 3"],
            proposed_wording=f"Uchwała wchodzi w życie po {number + 7} dniach.",
            justification="Czas na przygotowanie.",
        )
    return consultation, by_label, comments


def close(consultation: Consultation) -> None:
    """The end moves into the past (the scene, not the clock)."""
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    consultation.refresh_from_db()


@pytest.fixture
def closed_scene(open_scene):
    close(open_scene[0])
    return open_scene


@pytest.fixture
def published_scene(closed_scene, official):
    consultation = closed_scene[0]
    for comment in Comment.objects.filter(
        consultation=consultation, status=CommentStatus.SUBMITTED
    ):
        services.answer_give(
            comment=comment,
            actor=official,
            disposition=Disposition.PARTLY_ACCEPTED,
            justification="Uwzględniono częściowo.",
        )
    services.report_publish(consultation=consultation, actor=official)
    return closed_scene


def test_a_representative_comments_on_a_provision_with_the_keyboard(
    page: Page, url, log_in, ngo_representative, open_scene
):
    consultation, by_label, _comments = open_scene
    provision = by_label["§ 2"]
    log_in(ngo_representative)
    page.goto(url(reverse("consultations:detail", args=[consultation.pk])))

    # From the provision's own link, the next stop is "Comment on this provision".
    row = page.locator(f"#{provision.anchor}")
    row.locator(".self-link").focus()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute(
        "href",
        reverse("consultations:comment_create", args=[consultation.pk])
        + f"?provision={provision.pk}",
    )
    page.keyboard.press("Enter")

    # The proposal starts empty; the current text is one button away.
    expect(page.locator("#id_proposed_wording")).to_have_value("")
    page.get_by_role("button", name="Skopiuj obecny tekst").click()
    expect(page.locator("#id_proposed_wording")).to_have_value(
        "Wykonanie uchwały powierza się Prezydentowi Miasta."
    )
    expect(page.locator("#id_proposed_wording")).to_be_focused()
    # The organisation (the only choice) is chosen already; change the wording, justify.
    expect(page.locator("input[name=organisation]").first).to_be_checked()
    page.locator("#id_proposed_wording").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Wykonanie uchwały powierza się Prezydentowi Miasta Sopotu.")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_id("id_justification")
    page.keyboard.type("Nazwa miasta usuwa wątpliwości.")
    page.locator("button[name=action][value=submit]").focus()
    page.keyboard.press("Enter")

    comment = None
    expect(page.locator(".receipt-banner")).to_be_visible()
    comment = Comment.objects.get(justification="Nazwa miasta usuwa wątpliwości.")
    assert comment.status == CommentStatus.SUBMITTED
    expect(page).to_have_url(url(reverse("consultations:comment_receipt", args=[comment.pk])))
    expect(page.locator(".receipt .tracking-number")).to_have_text(comment.tracking_number)


def test_an_official_answers_a_comment_with_the_keyboard(
    page: Page, url, log_in, official, closed_scene
):
    consultation, _by_label, comments = closed_scene
    comment = comments["submitted"]
    log_in(official)
    page.goto(url(reverse("consultations:answers", args=[consultation.pk])))
    expect(page.locator(".progress-text")).to_contain_text("0 / 6")

    row = page.locator(f"#comment-{comment.pk}")
    # Arrow keys move between the dispositions of one group; Tab to the justification.
    row.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(row.locator("input[value=partly_accepted]")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_id(f"id_comment-{comment.pk}-justification")
    page.keyboard.type("Programy uwzględniono w § 1.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page).to_have_url(
        url(reverse("consultations:answers", args=[consultation.pk]) + f"#comment-{comment.pk}")
    )
    expect(page.locator(".messages [role=status]")).to_be_visible()
    expect(page.locator(".progress-text")).to_contain_text("1 / 6")
    answer = Answer.objects.get(comment=comment)
    assert answer.disposition == Disposition.PARTLY_ACCEPTED
    assert answer.justification == "Programy uwzględniono w § 1."


# --- Accessibility ----------------------------------------------------------------------


def _check(page: Page) -> None:
    # Check the folded comments and the moderation forms too, not only their disclosure.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_on_the_open_consultation(
    page: Page, url, log_in, ngo_representative, open_scene
):
    consultation, by_label, comments = open_scene
    log_in(ngo_representative)
    for path in (
        reverse("consultations:list"),
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:comment_create", args=[consultation.pk])
        + f"?provision={by_label['§ 3'].pk}",
        reverse("consultations:comment_receipt", args=[comments["submitted"].pk]),
        reverse("consultations:my_comments"),
    ):
        page.goto(url(path))
        _check(page)


def test_axe_finds_no_violations_in_a_refused_comment_form(
    page: Page, url, log_in, ngo_representative, open_scene
):
    consultation, by_label, _comments = open_scene
    log_in(ngo_representative)
    page.goto(
        url(
            reverse("consultations:comment_create", args=[consultation.pk])
            + f"?provision={by_label['§ 3'].pk}"
        )
    )
    page.locator("#id_proposed_wording").fill("")
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _check(page)


def test_axe_finds_no_violations_on_the_officials_pages(
    page: Page, url, log_in, official, open_scene
):
    consultation = open_scene[0]
    log_in(official)
    for path in (
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:edit", args=[consultation.pk]),
        reverse("consultations:create") + f"?version={consultation.version_id}",
    ):
        page.goto(url(path))
        _check(page)
    close(consultation)
    page.goto(url(reverse("consultations:answers", args=[consultation.pk])))
    _check(page)


def test_axe_finds_no_violations_on_the_report_and_summary(page: Page, url, published_scene):
    consultation = published_scene[0]
    for path in (
        reverse("consultations:report", args=[consultation.pk]),
        reverse("consultations:summary", args=[consultation.pk]),
        reverse("consultations:detail", args=[consultation.pk]),
    ):
        page.goto(url(path))
        _check(page)
