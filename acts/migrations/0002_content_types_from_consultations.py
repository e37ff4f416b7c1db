# The legal-act models were registered as content types of ``consultations``. Renaming those
# rows (rather than letting new ones be created) keeps everything that points at them: the
# audit log (``core.AuditEvent.target_type``), permissions given to users and groups, and
# the administration's history. Their ids do not change.

from django.db import migrations

MOVED_MODELS = ("topic", "legalact", "actversion", "provision")


def _move_content_types(apps, schema_editor, *, old_label, new_label):
    content_types = apps.get_model("contenttypes", "ContentType").objects.db_manager(
        schema_editor.connection.alias
    )
    for model in MOVED_MODELS:
        # Only if ``post_migrate`` already ran between acts 0001 and this migration (acts
        # migrated alone) do rows under the new label exist. They are then fresh and
        # unused: delete them (with their permissions) so the old rows can take the label.
        # An audit event on one stops the migration (the foreign key protects it).
        content_types.filter(app_label=new_label, model=model).delete()
        content_types.filter(app_label=old_label, model=model).update(app_label=new_label)


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, old_label="consultations", new_label="acts")


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, old_label="acts", new_label="consultations")


class Migration(migrations.Migration):

    dependencies = [
        ('acts', '0001_initial'),
        ('consultations', '0006_act_models_moved_to_acts'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
