from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, router

from core.events import AuditVerb
from core.models import AuditEvent


def audit_log(
    *, actor: Any, verb: AuditVerb, target: models.Model, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record one state change. Call it inside the service's transaction, after the write,
    so the event exists exactly when the change does. ``verb`` comes from an app's
    catalogue (``core.events``), never a bare string."""
    if not isinstance(verb, AuditVerb):
        raise TypeError(f"{verb!r} is not in a catalogue of audit verbs (core.events).")
    event = AuditEvent(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        data=data or {},
    )
    event.save(force_insert=True, using=router.db_for_write(AuditEvent))
    return event
