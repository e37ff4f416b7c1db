"""In a real browser: a representative changes a submitted comment from its "Edit" link
(a new version, marked on the consultation page with the earlier wording one click away),
and a member deletes their draft after confirming."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from acts import services as act_services
from consultations.models import Comment, CommentStatus
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


def test_a_representative_edits_a_submitted_comment_and_the_change_is_shown(
    page: Page, url, log_in, consultation, provisions, ngo, ngo_representative
):
    provision = next(item for item in provisions if item.label == "§ 3")
    comment = submitted(
        consultation,
        ngo_representative,
        ngo,
        provision,
        proposed_wording="Uchwała wchodzi w życie po 7 dniach.",
        justification="Czas na przygotowanie.",
    )
    log_in(ngo_representative)
    page.goto(url(reverse("consultations:detail", args=[consultation.pk])))
    page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Edytuj").click()

    expect(page.locator("#id_proposed_wording")).to_have_value(
        "Uchwała wchodzi w życie po 7 dniach."
    )
    expect(page.get_by_text("może złożyć tylko przedstawiciel")).to_have_count(0)
    page.locator("#id_proposed_wording").fill("Uchwała wchodzi w życie po 30 dniach.")
    page.get_by_role("button", name="Zapisz zmiany w złożonej uwadze").click()

    expect(page.locator(".messages [role=status]")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SUBMITTED
    assert (comment.version, comment.proposed_wording) == (
        2,
        "Uchwała wchodzi w życie po 30 dniach.",
    )

    page.goto(url(reverse("consultations:detail", args=[consultation.pk])))
    card = page.locator(f"#comment-{comment.pk}")
    expect(card).to_contain_text("Uchwała wchodzi w życie po 30 dniach.")
    card.locator("a.comment-edited").click()
    expect(page.locator("h1")).to_have_text("Wersje uwagi")
    expect(page.locator("#version-1")).to_contain_text("Uchwała wchodzi w życie po 7 dniach.")
    expect(page.locator("#version-2")).to_contain_text("Uchwała wchodzi w życie po 30 dniach.")


def test_a_member_deletes_a_draft_after_confirming(
    page: Page, url, log_in, consultation, provisions, ngo, ngo_member
):
    draft = comment_on(
        consultation,
        ngo_member,
        organisation=ngo,
        provision=provisions[2],
        proposed_wording="Szkic do usunięcia.",
    )
    log_in(ngo_member)
    page.goto(url(reverse("consultations:my_comments")))
    page.locator(f"#comment-{draft.pk}").get_by_role("link", name="Usuń szkic").click()

    expect(page.locator("h1")).to_have_text("Usuń szkic")
    assert Comment.objects.filter(pk=draft.pk).exists()  # nothing happens before confirming
    page.get_by_role("button", name="Usuń szkic").click()

    expect(page.locator(".messages [role=status]")).to_contain_text("Szkic został usunięty.")
    expect(page.locator(f"#comment-{draft.pk}")).to_have_count(0)
    assert not Comment.objects.filter(pk=draft.pk).exists()
