"""Services skip their savepoints inside a transaction that rolls back whole."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.events import AccountVerb
from core.models import AuditEvent
from core.services import audit_log
from core.transactions import all_or_nothing, service_atomic

pytestmark = pytest.mark.django_db(transaction=True)


@service_atomic
def record(user, *, fail=False):
    audit_log(actor=user, verb=AccountVerb.USER_PROFILE_UPDATED, target=user)
    if fail:
        raise ValueError("refused")


def _savepoints(queries):
    return [query["sql"] for query in queries if "SAVEPOINT" in query["sql"]]


def test_inside_another_transaction_a_service_keeps_its_savepoint(resident):
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            record(resident)
        with pytest.raises(ValueError, match="refused"):
            record(resident, fail=True)
        # The caller carries on: the failed service's changes alone were undone.
        assert AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count() == 1
    assert _savepoints(queries)


def test_inside_all_or_nothing_a_service_opens_no_savepoint(resident):
    with CaptureQueriesContext(connection) as queries, all_or_nothing():
        record(resident)
    assert not _savepoints(queries)
    assert AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count() == 1


def test_a_failure_inside_all_or_nothing_rolls_everything_back(resident):
    def both():
        with all_or_nothing():
            record(resident)
            record(resident, fail=True)

    with pytest.raises(ValueError, match="refused"):
        both()
    assert not AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).exists()
    # The flag does not outlive the block.
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        record(resident)
    assert _savepoints(queries)
