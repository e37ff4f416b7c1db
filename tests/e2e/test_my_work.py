"""The official's "my work" page in a real browser: reached from the header, it shows the
comments waiting for an answer with the days left to the report, and leads to the answer
table; axe-core finds no WCAG violations on it, nor on the legal pages."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from acts.models import ActStatus
from tests import factories

pytestmark = pytest.mark.e2e

DAY = dt.timedelta(days=1)


@pytest.fixture
def closed_consultation(department):
    now = timezone.now()
    consultation = factories.ConsultationFactory(
        title="Konsultacje programu zieleni miejskiej",
        version__act__department=department,
        version__act__status=ActStatus.PUBLISHED,
        starts_at=now - 10 * DAY,
        ends_at=now - 2 * DAY,
    )
    factories.CommentFactory(consultation=consultation)
    return consultation


def assert_no_violations(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_official_finds_the_comments_to_answer_from_the_header(
    page: Page, url, log_in, official, closed_consultation
):
    log_in(official)
    page.goto(url("/"))
    page.get_by_role("navigation", name="Menu główne").get_by_role(
        "link", name="Moja praca"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moja praca")
    waiting = page.get_by_role("region", name="Uwagi czekające na odpowiedź")
    days_left = (closed_consultation.report_due_on - timezone.localdate()).days
    expect(waiting).to_contain_text("1 uwaga czeka na odpowiedź")
    expect(waiting).to_contain_text(f"{days_left} dni")
    assert_no_violations(page)
    waiting.get_by_role("link", name=closed_consultation.title).click()
    expect(page).to_have_url(url(f"/consultations/{closed_consultation.pk}/answers/"))


def test_axe_finds_no_violations_on_the_legal_pages(page: Page, url, db):
    # As the data migration seeds them (a transactional test may have emptied the table).
    importlib.import_module("core.migrations.0007_seed_legal_pages").seed(django_apps, None)
    for path, title in (
        ("/privacy/", "Informacja o przetwarzaniu danych osobowych (RODO)"),
        ("/accessibility/", "Deklaracja dostępności"),
    ):
        page.goto(url(path))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(
            page.get_by_role("contentinfo").get_by_role("link", name="Deklaracja dostępności")
        ).to_be_visible()
        assert_no_violations(page)
