"""``accounts.demo.seed_accounts``: idempotent demo accounts, one per persona."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings

from accounts import permissions, selectors
from accounts.demo import seed_accounts
from accounts.models import (
    ActivityArea,
    Authority,
    Department,
    Membership,
    OfficialPost,
    Organisation,
    OrganisationStatus,
    User,
)
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

PERSONAS = [
    "admin@example.org",
    "official@example.org",
    "official.other@example.org",
    "ngo.rep@example.org",
    "ngo.member@example.org",
    "other.ngo@example.org",
    "resident@example.org",
]
MODELS = [User, Authority, Department, OfficialPost, ActivityArea, Organisation, Membership]


def seed() -> str:
    out = StringIO()
    seed_accounts(out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in [*MODELS, AuditEvent]}


def user(email: str) -> User:
    return User.objects.get(email=email)


def test_seeding_twice_changes_nothing():
    seed()
    first = counts()
    seed()
    assert counts() == first
    assert first["Organisation"] == 5
    assert first["ActivityArea"] >= 12
    assert Authority.objects.get(code="SOP").name == "Urząd Miasta Sopotu"
    assert set(Department.objects.values_list("name", flat=True)) == {
        "Wydział Spraw Społecznych",
        "Wydział Ochrony Środowiska",
    }


def test_every_persona_logs_in_with_the_demo_password_and_is_verified():
    seed()
    for email in PERSONAS:
        person = user(email)
        assert person.check_password(settings.DEMO_PASSWORD), email
        assert person.email_verified, email


def test_organisations_have_valid_numbers_and_one_is_pending():
    seed()
    for organisation in Organisation.objects.all():
        organisation.full_clean()  # runs the KRS, NIP and REGON validators
        assert all([organisation.krs, organisation.nip, organisation.regon])
    statuses = list(Organisation.objects.values_list("status", flat=True))
    assert statuses.count(OrganisationStatus.PENDING) == 1
    assert statuses.count(OrganisationStatus.VERIFIED) == 4
    # Made through the services, so the audit log tells the story.
    assert AuditEvent.objects.filter(verb="organisation.registered").count() == 5
    assert AuditEvent.objects.filter(verb="organisation.verified").count() == 4


def test_each_persona_has_its_stated_access():
    seed()
    admin = user("admin@example.org")
    official = user("official@example.org")
    other_official = user("official.other@example.org")
    representative = user("ngo.rep@example.org")
    member = user("ngo.member@example.org")
    other_representative = user("other.ngo@example.org")
    resident = user("resident@example.org")

    assert admin.is_staff
    assert admin.is_superuser
    assert permissions.is_official(official)
    assert [p.department.name for p in selectors.official_post_list_for_user(user=official)] == [
        "Wydział Spraw Społecznych"
    ]
    assert [
        p.department.name for p in selectors.official_post_list_for_user(user=other_official)
    ] == ["Wydział Ochrony Środowiska"]

    (ngo,) = selectors.organisations_represented_by(user=representative)
    assert permissions.can_act_for_organisation(representative, ngo)
    assert permissions.can_draft_for_organisation(member, ngo)
    assert not permissions.can_act_for_organisation(member, ngo)
    (other_ngo,) = selectors.organisations_represented_by(user=other_representative)
    assert other_ngo != ngo
    assert not permissions.can_draft_for_organisation(other_representative, ngo)

    assert not permissions.is_official(resident)
    assert not Membership.objects.filter(user=resident).exists()
    assert not resident.is_staff
    pending = Organisation.objects.get(status=OrganisationStatus.PENDING)
    assert permissions.can_decide_organisation(official, pending)
    assert not permissions.can_view_organisation(resident, pending)
