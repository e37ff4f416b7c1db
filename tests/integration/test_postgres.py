import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from accounts.events import AccountVerb
from core.models import AuditEvent
from core.services import audit_log


@pytest.fixture
def event(postgres, resident):
    return audit_log(
        actor=resident, verb=AccountVerb.USER_PROFILE_UPDATED, target=resident, data={"a": 1}
    )


def test_the_database_refuses_to_update_an_audit_event(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditevent SET verb = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).verb == "user.profile_updated"


def test_the_database_refuses_to_delete_an_audit_event(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_new_audit_events_can_still_be_written(event, resident):
    audit_log(actor=resident, verb=AccountVerb.USER_EMAIL_VERIFIED, target=resident)
    assert AuditEvent.objects.count() == 2
