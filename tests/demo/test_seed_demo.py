"""``manage.py seed_demo``: every app's demo data, idempotent, with the accounts listed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from accounts.models import Organisation, User
from consultations.models import Consultation, ConsultationPhase
from core.models import AuditEvent, LegalPage, LegalPageKind
from opinions.models import Position, PositionStatus

pytestmark = pytest.mark.django_db

ACCOUNTS = [
    "admin@example.org",
    "official@example.org",
    "official.other@example.org",
    "ngo.rep@example.org",
    "ngo.member@example.org",
    "other.ngo@example.org",
    "resident@example.org",
    "chair@example.org",
    "secretary@example.org",
    "council@example.org",
    "council7@example.org",
]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in ("accounts", "consultations", "opinions", "core")
        for model in apps.get_app_config(app).get_models()
    }


def test_seeding_twice_changes_nothing_in_any_app():
    seed()
    first = counts()
    seed()
    assert counts() == first


def test_it_prints_every_demo_account_and_the_password():
    output = seed()
    for email in ACCOUNTS:
        assert email in output
    assert settings.DEMO_PASSWORD in output


def test_the_demo_has_consultations_in_each_phase_and_the_councils_work():
    seed()
    now = timezone.now()
    phases = {consultation.phase_at(now) for consultation in Consultation.objects.all()}
    assert {
        ConsultationPhase.OPEN,
        ConsultationPhase.SCHEDULED,
        ConsultationPhase.REPORT_PUBLISHED,
    } <= phases
    statuses = set(Position.objects.values_list("status", flat=True))
    assert {PositionStatus.DRAFT, PositionStatus.VOTING, PositionStatus.ADOPTED} <= statuses
    assert Position.objects.get(status=PositionStatus.ADOPTED).number == 1


def test_if_empty_does_nothing_when_a_user_exists():
    User.objects.create_user("someone@example.org", "x", full_name="Ktoś")
    output = seed("--if-empty")
    assert "no demo data" in output
    assert not Organisation.objects.exists()


# Flushing truncates tables, which PostgreSQL refuses inside the transaction that wraps an
# ordinary test while foreign-key checks are pending; `seed_demo --reset` runs outside one.
@pytest.mark.django_db(transaction=True)
def test_reset_empties_the_database_then_seeds_again(settings):
    settings.DEBUG = True
    seed()
    User.objects.create_user("extra@example.org", "x", full_name="Ktoś Dodatkowy")
    before = counts()
    seed("--reset")
    assert not User.objects.filter(email="extra@example.org").exists()
    assert counts()["accounts.User"] == before["accounts.User"] - 1
    assert counts()["accounts.Organisation"] == before["accounts.Organisation"]


@pytest.mark.django_db(transaction=True)
def test_reset_keeps_the_legal_pages(settings):
    settings.DEBUG = True
    LegalPage.objects.update_or_create(
        kind=LegalPageKind.PRIVACY, defaults={"title": "Prywatność", "body": "Tekst miasta."}
    )
    seed("--reset")
    assert LegalPage.objects.get(kind=LegalPageKind.PRIVACY).body == "Tekst miasta."


@pytest.mark.django_db(transaction=True)
def test_reset_keeps_the_audit_log_and_the_accounts_it_names(settings):
    settings.DEBUG = True
    seed()
    events = list(AuditEvent.objects.order_by("pk").values_list("pk", "verb", "actor_id"))

    output = seed("--reset")

    kept = list(
        AuditEvent.objects.filter(pk__lte=events[-1][0])
        .order_by("pk")
        .values_list("pk", "verb", "actor_id")
    )
    assert kept == events
    assert f"{len(events)} audit events kept" in output


@pytest.mark.parametrize("confirmation", [[], ["--yes-i-mean-it=konsultacje"]])
def test_reset_outside_debug_is_refused_without_the_databases_name(settings, confirmation):
    settings.DEBUG = False
    seed()
    before = counts()

    with pytest.raises(CommandError, match="--yes-i-mean-it="):
        seed("--reset", *confirmation)

    assert counts() == before


@pytest.mark.django_db(transaction=True)
def test_reset_outside_debug_runs_when_given_the_databases_name(settings):
    settings.DEBUG = False
    seed()
    User.objects.create_user("extra@example.org", "x", full_name="Ktoś Dodatkowy")
    events = AuditEvent.objects.count()

    seed("--reset", f"--yes-i-mean-it={connection.settings_dict['NAME']}")

    assert not User.objects.filter(email="extra@example.org").exists()
    assert AuditEvent.objects.count() > events
