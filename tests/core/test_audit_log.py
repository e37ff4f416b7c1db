import pytest

from accounts.events import AccountVerb
from core.models import AppendOnlyError, AuditEvent
from core.services import audit_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(resident):
    return audit_log(
        actor=resident, verb=AccountVerb.USER_PROFILE_UPDATED, target=resident, data={"why": "test"}
    )


def test_an_event_records_who_did_what_to_which_object(event, resident):
    stored = AuditEvent.objects.get()
    assert (stored.actor, stored.verb, stored.target_id) == (
        resident,
        "user.profile_updated",
        str(resident.pk),
    )
    assert stored.target_type.model == "user"
    assert stored.target_repr == str(resident)
    assert stored.data == {"why": "test"}
    assert stored.at is not None


def test_an_anonymous_actor_is_recorded_as_nobody(anonymous, resident):
    event = audit_log(actor=anonymous, verb=AccountVerb.USER_PROFILE_UPDATED, target=resident)

    assert event.actor is None


def test_saving_an_existing_event_is_refused(event):
    event.verb = "test.rewritten"

    with pytest.raises(AppendOnlyError):
        event.save()

    assert AuditEvent.objects.get().verb == "user.profile_updated"


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()

    assert AuditEvent.objects.count() == 1


def test_updating_events_through_a_queryset_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="test.rewritten")

    assert AuditEvent.objects.get().verb == "user.profile_updated"


def test_deleting_events_through_a_queryset_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.count() == 1


def test_bulk_update_is_refused(event):
    event.verb = "test.rewritten"

    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["verb"])


def test_events_of_one_object_are_found_together(event, resident, ngo_member):
    audit_log(actor=resident, verb=AccountVerb.USER_EMAIL_VERIFIED, target=ngo_member)

    assert list(AuditEvent.objects.for_target(resident)) == [event]
