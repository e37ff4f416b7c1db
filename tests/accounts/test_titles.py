"""Role titles follow the person's grammatical gender, stated in the profile, with a
neutral form when unknown: one table (``accounts.titles``) for every page and answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import GrammaticalGender
from accounts.titles import TITLES, Role, role_title
from opinions.models import Office
from tests.opinions.pages import conftest as scene

pytestmark = pytest.mark.django_db

# The council's scene, shared with the council's page tests.
council = scene.council
term = scene.term
make_member = scene.make_member

FEMININE, MASCULINE, NEUTRAL = (
    GrammaticalGender.FEMININE,
    GrammaticalGender.MASCULINE,
    GrammaticalGender.UNSPECIFIED,
)


@pytest.mark.parametrize(
    ("role", "gender", "title"),
    [
        (Role.CHAIR, FEMININE, "przewodnicząca"),
        (Role.CHAIR, MASCULINE, "przewodniczący"),
        (Role.CHAIR, NEUTRAL, "przewodnicząca/przewodniczący"),
        (Role.SECRETARY, FEMININE, "sekretarz"),
        (Role.SECRETARY, NEUTRAL, "sekretarz"),
        (Role.MEMBER, FEMININE, "członkini"),
        (Role.MEMBER, MASCULINE, "członek"),
        (Role.RESIDENT, FEMININE, "mieszkanka"),
        (Role.RESIDENT, MASCULINE, "mieszkaniec"),
        (Role.OFFICIAL, FEMININE, "urzędniczka"),
        (Role.OFFICIAL, MASCULINE, "urzędnik"),
        (Role.REPRESENTATIVE, NEUTRAL, "przedstawicielka/przedstawiciel"),
    ],
)
def test_a_title_follows_the_grammatical_gender(role, gender, title):
    with translation.override("pl"):
        assert role_title(role, gender) == title


def test_an_unknown_gender_or_no_person_takes_the_neutral_form():
    with translation.override("pl"):
        assert role_title(Role.CHAIR, None) == "przewodnicząca/przewodniczący"


def test_every_council_office_has_a_title():
    assert set(Office.values) <= set(TITLES)


def test_a_user_states_their_gender_in_the_profile(client, resident):
    client.force_login(resident)

    client.post(
        reverse("accounts:profile"),
        {"full_name": resident.full_name, "language": "pl", "grammatical_gender": FEMININE},
    )
    resident.refresh_from_db()

    assert resident.grammatical_gender == FEMININE
    page = client.get(reverse("accounts:profile"))
    assert 'name="grammatical_gender"' in page.text


def test_the_api_reads_and_changes_the_grammatical_gender(api_client, resident):
    api_client.force_authenticate(resident)

    changed = api_client.patch(reverse("api-me"), {"grammatical_gender": MASCULINE}, format="json")
    kept = api_client.patch(reverse("api-me"), {"full_name": "Jan Nowak"}, format="json")

    assert changed.status_code == 200
    assert changed.json()["grammatical_gender"] == MASCULINE
    assert kept.json()["grammatical_gender"] == MASCULINE


def test_the_term_page_names_each_office_in_its_holders_gender(client, make_member, term):
    chair = make_member("Celina Nowak", office=Office.CHAIR)
    chair.grammatical_gender = FEMININE
    chair.save()
    secretary = make_member("Sebastian Kowalski", office=Office.SECRETARY)
    member = make_member("Marek Zieliński")
    member.grammatical_gender = MASCULINE
    member.save()
    make_member("Alex Wiśniewski")

    page = client.get(reverse("council:term_detail", args=[term.pk])).text

    assert "<strong>Przewodnicząca</strong>" in page
    assert "<strong>Sekretarz</strong>" in page
    assert "<td>Członek</td>" in page
    assert "<td>Członkini/członek</td>" in page
    assert secretary.full_name in page


def test_templates_name_roles_only_through_the_table():
    """No template shows a role by its choice label (get_office_display or
    get_role_display): the label is not declined."""
    root = Path(settings.BASE_DIR) / "templates"
    found = [
        f"{path.relative_to(root)}"
        for path in root.rglob("*.html")
        if re.search(r"get_(office|role)_display", path.read_text(encoding="utf-8"))
    ]
    assert found == []
