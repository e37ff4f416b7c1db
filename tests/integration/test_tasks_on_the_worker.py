"""A task of the convention on the real worker (Redis, the worker serving the test
database): it runs after commit, and a message delivered twice is done once."""

from __future__ import annotations

import uuid

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.db import connection

from accounts.tasks import send_verification_email
from config.celery import app
from core.models import TaskReceipt
from tests import factories
from tests.conftest import require_services


@pytest.fixture
def real_worker(redis_url, settings, transactional_db):
    if connection.vendor != "postgresql":
        if require_services():
            pytest.fail("REQUIRE_SERVICES is set but the database is not PostgreSQL")
        pytest.skip("the worker serves the PostgreSQL test database (set DATABASE_URL)")
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    app.conf.task_always_eager = previous


def deliver(task_id: str, user_id: int):
    result = send_verification_email.apply_async((user_id,), task_id=task_id)
    try:
        return result.get(timeout=30)
    except CeleryTimeoutError:
        pytest.fail("No Celery worker answered within 30 s: start one (see .ci/run).")


def test_the_worker_claims_the_message_of_a_once_task_in_the_database(real_worker):
    user = factories.UserFactory(email_verified_at=None)
    task_id = str(uuid.uuid4())
    deliver(task_id, user.pk)
    deliver(task_id, user.pk)  # the same message again, as after a lost acknowledgement
    receipts = TaskReceipt.objects.filter(key__endswith=task_id)
    assert list(receipts.values_list("key", flat=True)) == [
        f"accounts.send_verification_email:{task_id}"
    ]
