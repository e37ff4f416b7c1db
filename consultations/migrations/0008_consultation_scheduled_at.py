"""When each consultation was scheduled: new ones are stamped by the service; for those
scheduled before, the time of their ``consultation.scheduled`` audit event."""

from django.db import migrations, models


def stamp_from_audit_log(apps, schema_editor):
    Consultation = apps.get_model("consultations", "Consultation")
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(
        app_label="consultations", model="consultation"
    ).first()
    if content_type is None:
        return
    events = AuditEvent.objects.filter(
        target_type=content_type, verb="consultation.scheduled"
    ).order_by("at")
    first: dict[str, object] = {}
    for target_id, at in events.values_list("target_id", "at"):
        first.setdefault(target_id, at)
    for consultation in Consultation.objects.filter(scheduled_at__isnull=True).only("pk"):
        at = first.get(str(consultation.pk))
        if at is not None:
            Consultation.objects.filter(pk=consultation.pk).update(scheduled_at=at)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0007_comment_organisation_name_snapshot"),
        ("core", "0002_audit_event_append_only"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="scheduled_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="scheduled at"),
        ),
        migrations.RunPython(stamp_from_audit_log, migrations.RunPython.noop),
    ]
