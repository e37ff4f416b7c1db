"""The registry of what audit log readers see (``core.audit_visibility``): deny by default."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured

from core import audit_visibility
from core.audit_visibility import ALL_DATA, TARGET_REPR, disclose
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def recorded(*, actor, verb, target, data):
    """An event of a family no app declares (``audit_log`` takes only catalogue verbs),
    as one stored by a version of the code that no longer declares it would be."""
    return AuditEvent.objects.create(
        actor=actor,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target),
        data=data,
    )


def test_an_event_of_an_unregistered_family_shows_neither_its_data_nor_its_objects_name(
    administrator, resident
):
    event = recorded(actor=resident, verb="unknown.done", target=resident, data={"secret": 1})

    seen = disclose(administrator, [event])[event.pk]

    assert seen.data == {}
    assert seen.target_repr == ""
    assert seen.withheld == ["secret", TARGET_REPR]


def test_a_redactor_withholds_the_keys_it_names_and_an_event_it_forgets_whole(
    administrator, resident
):
    kept = recorded(actor=resident, verb="partly.done", target=resident, data={"a": 1, "b": 2})
    forgotten = recorded(actor=resident, verb="partly.done", target=resident, data={"a": 1})
    audit_visibility.register("partly", lambda reader, events: {kept.pk: {"b"}})
    try:
        seen = disclose(administrator, [kept, forgotten])
    finally:
        audit_visibility._redactors.pop("partly")

    assert (seen[kept.pk].data, seen[kept.pk].withheld) == ({"a": 1}, ["b"])
    assert seen[kept.pk].target_repr == str(resident)
    assert seen[forgotten.pk].data == {}


def test_all_data_withholds_every_key(administrator, resident):
    event = recorded(actor=resident, verb="whole.done", target=resident, data={"a": 1, "b": 2})
    audit_visibility.register("whole", lambda reader, events: {event.pk: {ALL_DATA}})
    try:
        seen = disclose(administrator, [event])[event.pk]
    finally:
        audit_visibility._redactors.pop("whole")

    assert (seen.data, seen.withheld) == ({}, ["a", "b"])


def test_a_family_cannot_get_a_second_redactor():
    with pytest.raises(ImproperlyConfigured):
        audit_visibility.register("ballot", lambda reader, events: {})


def test_every_family_the_apps_write_has_a_rule():
    assert audit_visibility.registered_families() >= {
        "user", "organisation", "membership",
        "legal_act", "act_version", "provision",
        "consultation", "comment", "answer", "council_submission",
        "council", "term", "term_member", "position", "position_item", "item_note",
        "amendment", "vote", "ballot", "council_request",
    }  # fmt: skip
