"""Case-insensitive search folds Polish letters on every backend: SQLite's LIKE folds only
ASCII, so the embedded default missed "Żołnierzy" for "żołnierzy" (``core/lookups.py``).
Runs on whichever database the suite uses (SQLite here, PostgreSQL in CI)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import selectors as account_selectors
from acts import selectors as act_selectors
from consultations import selectors as consultation_selectors
from tests import factories

pytestmark = pytest.mark.django_db

SPELLINGS = ["żołnierzy", "ŻOŁNIERZY", "Żołnierzy", "żOŁnIeRzY"]


@pytest.fixture
def act():
    return factories.LegalActFactory(
        title="Projekt uchwały w sprawie pomnika Żołnierzy Wyklętych",
        subject="w sprawie nadania nazwy skwerowi",
    )


@pytest.mark.parametrize("text", SPELLINGS)
def test_the_act_search_finds_polish_letters_in_any_case(administrator, act, text):
    found = act_selectors.act_search(viewer=administrator, filters={"q": text})

    assert list(found) == [act]


def test_the_act_search_still_tells_other_letters_apart(administrator, act):
    assert not act_selectors.act_search(viewer=administrator, filters={"q": "zolnierzy"})


def test_the_act_list_page_finds_an_act_by_its_subject_in_capitals(client, administrator, act):
    client.force_login(administrator)

    page = client.get(reverse("acts:list"), {"q": "SKWEROWI"})

    assert act.title in page.text


@pytest.mark.parametrize("text", SPELLINGS)
def test_the_consultation_search_finds_polish_letters_in_any_case(administrator, text):
    consultation = factories.ConsultationFactory(title="Konsultacje: pomnik Żołnierzy Wyklętych")
    factories.ConsultationFactory(title="Konsultacje: budżet obywatelski")

    found = consultation_selectors.consultation_list(viewer=administrator, filters={"q": text})

    assert list(found) == [consultation]


@pytest.mark.parametrize("text", ["ŁÓDZKIE", "łódzkie", "Łódzkie"])
def test_the_organisation_search_finds_polish_letters_in_any_case(administrator, text):
    organisation = factories.OrganisationFactory(name="Łódzkie Towarzystwo Żeglarskie")
    factories.OrganisationFactory(name="Fundacja Morska")

    found = account_selectors.organisation_search(viewer=administrator, filters={"q": text})

    assert list(found) == [organisation]


def test_the_organisation_city_filter_matches_polish_letters_in_any_case(administrator):
    organisation = factories.OrganisationFactory(city="Łódź")
    factories.OrganisationFactory(city="Sopot")

    found = account_selectors.organisation_search(viewer=administrator, filters={"city": "ŁÓDŹ"})

    assert list(found) == [organisation]
