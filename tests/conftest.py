"""Personas used across the suite, each with stated access.

- ``anonymous``: the public, no account.
- ``resident``: a person with an account and no organisation.
- ``ngo``: a verified organisation; ``ngo_representative`` acts for it, ``ngo_member`` drafts.
- ``other_ngo`` / ``other_ngo_representative``: a second verified organisation.
- ``official``: an official of ``department``; ``other_official`` of another department.
- ``administrator``: platform staff.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from celery._state import _set_task_join_will_block  # type: ignore[attr-defined]
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from tests import factories
from tests.tasks import Worker

PASSWORD = "correct horse battery staple"


# --- The clock moved ahead ---------------------------------------------------------------
#
# ``CLOCK_OFFSET_DAYS=400`` (or ``--clock-offset-days=400``) runs the session with every clock
# moved that many days ahead, ticking: the application's (time-machine travels from before
# collection, so module-level dates move too) and the database's (``Now()``, which the
# deadline checks use, is shifted in SQL on SQLite and PostgreSQL). A test that still
# passes is independent of today's date. Tests that freeze their own clock nest inside.
# A real Celery worker keeps the real clock, so run the ``services`` tests apart.


def pytest_addoption(parser):
    parser.addoption(
        "--clock-offset-days",
        type=int,
        default=int(os.environ.get("CLOCK_OFFSET_DAYS") or 0),
        help="Run the session with the clock moved this many days ahead (CLOCK_OFFSET_DAYS).",
    )


def pytest_configure(config):
    from tests.flush import use_delete_for_postgresql_flush

    use_delete_for_postgresql_flush()
    days = config.getoption("--clock-offset-days")
    if days:
        config._clock_offset = _move_clocks(days)


def pytest_unconfigure(config):
    undo = getattr(config, "_clock_offset", None)
    if undo is not None:
        undo()


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--clock-offset-days"):
        return
    reason = "a real Celery worker and database keep the real clock"
    for item in items:
        if item.get_closest_marker("services"):
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config):
    days = config.getoption("--clock-offset-days")
    return [f"clock moved {days} days ahead"] if days else []


def _move_clocks(days: int):
    import time_machine
    from django.db.models.functions import Now

    traveller = time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=days), tick=True)
    traveller.start()
    original = Now.as_sqlite, Now.as_postgresql

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=f"STRFTIME('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%f', 'NOW', '+{days} days')",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=f"(STATEMENT_TIMESTAMP() + INTERVAL '{days} days')",
            **extra_context,
        )

    Now.as_sqlite, Now.as_postgresql = as_sqlite, as_postgresql

    def undo():
        Now.as_sqlite, Now.as_postgresql = original
        traveller.stop()

    return undo


@pytest.fixture
def worker(monkeypatch) -> Worker:
    """Tasks queued on commit are held here, not run, until ``worker.run()``."""
    import core.tasks

    held = Worker()
    monkeypatch.setattr(core.tasks, "_send", held.receive)
    return held


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _not_inside_a_task():
    """A test process is never a worker: clear Celery's process-wide "inside a task" flag,
    which eager tasks run in overlapping threads (the race tests) can leave set, and which
    then makes every later ``result.get()`` raise "Never call result.get() within a task"."""
    _set_task_join_will_block(False)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def authority(db):
    return factories.AuthorityFactory(name="Urząd Miasta Sopotu", code="SOP")


@pytest.fixture
def department(authority):
    return factories.DepartmentFactory(authority=authority, name="Wydział Spraw Społecznych")


@pytest.fixture
def other_department(authority):
    return factories.DepartmentFactory(authority=authority, name="Wydział Ochrony Środowiska")


@pytest.fixture
def official(department):
    user = factories.UserFactory(email="official@example.org", full_name="Anna Urzędniczka")
    factories.OfficialPostFactory(user=user, department=department)
    return user


@pytest.fixture
def other_official(other_department):
    user = factories.UserFactory(email="official.other@example.org", full_name="Jan Inny")
    factories.OfficialPostFactory(user=user, department=other_department)
    return user


@pytest.fixture
def administrator(db):
    return factories.UserFactory(
        email="admin@example.org", full_name="Administrator", is_staff=True, is_superuser=True
    )


@pytest.fixture
def resident(db):
    return factories.UserFactory(email="resident@example.org", full_name="Ewa Mieszkanka")


@pytest.fixture
def ngo(db):
    return factories.OrganisationFactory(name="Stowarzyszenie Przyjaciół Sopotu", krs="0000123456")


@pytest.fixture
def ngo_representative(ngo):
    user = factories.UserFactory(email="ngo.rep@example.org", full_name="Piotr Przedstawiciel")
    factories.RepresentativeFactory(user=user, organisation=ngo)
    return user


@pytest.fixture
def ngo_member(ngo):
    user = factories.UserFactory(email="ngo.member@example.org", full_name="Maria Członkini")
    factories.MembershipFactory(user=user, organisation=ngo)
    return user


@pytest.fixture
def other_ngo(db):
    return factories.OrganisationFactory(name="Fundacja Morska", krs="0000654321")


@pytest.fixture
def other_ngo_representative(other_ngo):
    user = factories.UserFactory(email="other.ngo@example.org", full_name="Tomasz Obcy")
    factories.RepresentativeFactory(user=user, organisation=other_ngo)
    return user


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_as():
    """``api_as(user)`` gives an APIClient authenticated as that user (or anonymous)."""

    def make(user=None):
        client = APIClient()
        if user is not None and user.is_authenticated:
            client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def client_as(client):
    """``client_as(user)`` gives the Django test client logged in as that user."""

    def make(user=None):
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return make


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "").lower() in {"1", "true", "yes", "on"}


@pytest.fixture
def english():
    """Run the test in English: for assertions on messages created outside a request
    (services, validators), which otherwise speak Polish, the product's default."""
    from django.utils import translation

    with translation.override("en"):
        yield
