from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_snapshot(apps, schema_editor):
    """Submitted and withdrawn comments of organisations take the organisation's current
    name: the best record there is of what it was called when they were submitted."""
    Comment = apps.get_model("consultations", "Comment")
    Organisation = apps.get_model("accounts", "Organisation")
    Comment.objects.filter(organisation__isnull=False).exclude(status="draft").update(
        organisation_name=Subquery(
            Organisation.objects.filter(pk=OuterRef("organisation_id")).values("name")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("consultations", "0006_act_models_moved_to_acts"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="organisation_name",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="organisation's name when submitted"
            ),
        ),
        migrations.RunPython(fill_snapshot, migrations.RunPython.noop),
    ]
