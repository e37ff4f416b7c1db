"""Requests to subscribe the same address at the same moment, on PostgreSQL: each answers
as usual and the address keeps one waiting request (the unique constraint decides, the
losers take the winner's row)."""

import pytest
from django.db import connection

from notifications.follow_models import Subscription
from tests.conftest import require_services
from tests.notifications.following_helpers import request
from tests.races import race

PARALLEL = 6


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        if require_services():
            pytest.fail("REQUIRE_SERVICES is set but the database is not PostgreSQL")
        pytest.skip("the race needs PostgreSQL (set DATABASE_URL)")


def test_racing_requests_for_one_address_leave_one_waiting_request(postgres, settings):
    settings.SUBSCRIPTION_LIMIT_PER_ADDRESS = PARALLEL
    settings.SUBSCRIPTION_LIMIT_PER_CLIENT = PARALLEL

    results, errors = race(
        PARALLEL, lambda index: request("ala@example.org", client=f"203.0.113.{index}")
    )

    assert not errors
    assert len(results) == PARALLEL
    assert list(Subscription.objects.values_list("email", "confirmed_at")) == [
        ("ala@example.org", None)
    ]
