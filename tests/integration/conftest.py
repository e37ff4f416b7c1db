"""Tests against the real services of the production shape.

When REQUIRE_SERVICES is set (CI does), a missing service is a failure; on a laptop with
the embedded defaults these tests are skipped with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require_services


def pytest_collection_modifyitems(config, items):
    """Every test here is a ``services`` test: ``make test`` runs them apart, serially,
    against the database the real Celery worker serves."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.services)


def _unavailable(reason: str) -> None:
    if require_services():
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        _unavailable("the database is not PostgreSQL (set DATABASE_URL)")
    return connection


@pytest.fixture
def redis_url():
    if not settings.REDIS_URL:
        _unavailable("REDIS_URL is not set")
    return settings.REDIS_URL
