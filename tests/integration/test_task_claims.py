"""Workers racing for the same work on PostgreSQL: one wins a row's claim, one runs a
``once`` task's body; the rest do nothing (``core.tasks``)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, transaction

from accounts.models import Organisation, OrganisationStatus
from core.models import TaskReceipt
from core.tasks import claim, claim_once
from tests import factories
from tests.conftest import require_services

PARALLEL = 6


@pytest.fixture
def committed_postgres(transactional_db):
    if connection.vendor != "postgresql":
        if require_services():
            pytest.fail("REQUIRE_SERVICES is set but the database is not PostgreSQL")
        pytest.skip("concurrent claims need PostgreSQL (set DATABASE_URL)")


def race(work) -> tuple[list[object], list[BaseException]]:
    barrier = threading.Barrier(PARALLEL)
    results: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work())
        except BaseException as error:  # collected for the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_of_workers_claiming_one_row_at_once_exactly_one_wins(committed_postgres):
    organisation = factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    def work() -> bool:
        return claim(
            Organisation.objects.filter(pk=organisation.pk),
            from_status=OrganisationStatus.PENDING,
            to_status=OrganisationStatus.VERIFIED,
        )

    results, errors = race(work)
    assert errors == []
    assert sorted(results) == [False] * (PARALLEL - 1) + [True]


def test_of_workers_claiming_one_message_at_once_exactly_one_does_the_work(committed_postgres):
    key = f"race:{uuid.uuid4()}"
    done: list[int] = []

    def work() -> bool:
        with transaction.atomic():
            won = claim_once(key)
            if won:
                done.append(1)
            return won

    results, errors = race(work)
    assert errors == []
    assert sorted(results) == [False] * (PARALLEL - 1) + [True]
    assert done == [1]
    assert TaskReceipt.objects.filter(key=key).count() == 1
