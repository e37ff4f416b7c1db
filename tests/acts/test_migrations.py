"""The legal-act models moved from ``consultations`` to ``acts`` without moving data.

A database migrated before the move (act models in ``consultations``) is migrated forward:
the rows stay in the same tables, the foreign keys from consultations and the council still
resolve, and the content types are renamed in place, so the audit log and permissions that
point at them keep working.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from acts.models import ActVersion, LegalAct, Provision, Topic
from core.models import AuditEvent

# Unapplying ``acts`` unapplies what depends on it (the foreign keys re-pointed, the state
# moved out of ``consultations``): the schema as it was before the move.
BEFORE_THE_MOVE = [("acts", None)]
STATE_BEFORE_THE_MOVE = [
    ("consultations", "0004_comment_list_order_index"),
    ("opinions", "0001_initial"),
]
MOVING_APPS = ("acts", "consultations", "opinions")
MOVED = ("topic", "legalact", "actversion", "provision")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def _apps_before_the_move():
    _migrate(BEFORE_THE_MOVE)
    loader = MigrationExecutor(connection).loader
    others = [node for node in loader.graph.leaf_nodes() if node[0] not in MOVING_APPS]
    return loader.project_state([*others, *STATE_BEFORE_THE_MOVE]).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_acts_and_their_history():
    old = _apps_before_the_move()
    try:
        content_types = old.get_model("contenttypes", "ContentType")
        permissions = old.get_model("auth", "Permission")
        authority = old.get_model("accounts", "Authority").objects.create(
            name="Urząd Miasta", code="UM"
        )
        department = old.get_model("accounts", "Department").objects.create(
            authority=authority, name="Wydział"
        )
        topic = old.get_model("consultations", "Topic").objects.create(name="Kultura", slug="k")
        act = old.get_model("consultations", "LegalAct").objects.create(
            title="Projekt uchwały", department=department
        )
        act.topics.add(topic)
        version = old.get_model("consultations", "ActVersion").objects.create(
            act=act, number=1, source_text="§ 1. Tekst."
        )
        provision = old.get_model("consultations", "Provision").objects.create(
            version=version, kind="paragraph", label="§ 1", anchor="p1", order=0
        )
        # What ``post_migrate`` created while the models were in ``consultations``.
        old_types = {
            model: content_types.objects.get_or_create(app_label="consultations", model=model)[0]
            for model in MOVED
        }
        permission, _created = permissions.objects.get_or_create(
            content_type=old_types["legalact"],
            codename="add_legalact",
            defaults={"name": "Can add legal act"},
        )
        event = old.get_model("core", "AuditEvent").objects.create(
            verb="legal_act.created",
            target_type=old_types["legalact"],
            target_id=str(act.pk),
            target_repr=act.title,
        )
    finally:
        _migrate(_latest())

    moved_act = LegalAct.objects.get(pk=act.pk)
    assert moved_act.title == "Projekt uchwały"
    assert list(moved_act.topics.values_list("pk", flat=True)) == [topic.pk]
    assert ActVersion.objects.get(pk=version.pk).act_id == act.pk
    assert Provision.objects.get(pk=provision.pk).version_id == version.pk
    assert Topic.objects.get(pk=topic.pk).name == "Kultura"
    # The same content type rows, now under ``acts``.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    for model in MOVED:
        renamed = ContentType.objects.get(pk=old_types[model].pk)
        assert (renamed.app_label, renamed.model) == ("acts", model)
    assert not ContentType.objects.filter(app_label="consultations", model__in=MOVED).exists()
    stored_event = AuditEvent.objects.get(pk=event.pk)
    assert stored_event.target_type.get_object_for_this_type(pk=stored_event.target_id) == (
        moved_act
    )
    assert list(AuditEvent.objects.for_target(moved_act)) == [stored_event]
    assert ContentType.objects.get_for_id(permission.content_type_id).model_class() is LegalAct
