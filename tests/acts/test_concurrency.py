"""Versions added at the same moment on PostgreSQL: numbers stay gapless and an act never
gets two drafts, because each change takes the lock on the act's row first."""

import pytest
from django.db import connection

from acts import services
from acts.exceptions import DraftVersionExists
from acts.models import ActVersion
from tests.acts.texts import SAMPLE_ACT
from tests.conftest import require_services
from tests.races import race

PARALLEL = 6


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        if require_services():
            pytest.fail("REQUIRE_SERVICES is set but the database is not PostgreSQL")
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL)")


def test_racing_officials_make_one_draft_and_are_told_about_it(postgres, official, department):
    act = services.act_create(actor=official, department=department, title="Akt")

    results, errors = race(
        PARALLEL, lambda _index: services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    )

    assert len(results) == 1
    assert len(errors) == PARALLEL - 1
    assert all(isinstance(error, DraftVersionExists) for error in errors)
    assert list(ActVersion.objects.values_list("number", flat=True)) == [1]


def test_versions_of_different_acts_race_without_gaps(postgres, official, department):
    acts = [
        services.act_create(actor=official, department=department, title=f"Akt {index}")
        for index in range(PARALLEL)
    ]
    for act in acts:
        first = services.version_create(act=act, actor=official, text=SAMPLE_ACT)
        services.version_publish(version=first, actor=official)

    results, errors = race(
        PARALLEL,
        lambda index: services.version_create(act=acts[index], actor=official, text=SAMPLE_ACT),
    )

    assert not errors
    assert sorted(version.number for version in results) == [2] * PARALLEL
