from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from core.models import AuditEvent


def audit_event_list(*, filters: dict[str, Any] | None = None) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("actor", "target_type").filter(**(filters or {}))
