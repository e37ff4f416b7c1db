from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from core.models import AuditEvent, LegalPage


def audit_event_list(*, filters: dict[str, Any] | None = None) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("actor", "target_type").filter(**(filters or {}))


def legal_page_get(*, kind: str) -> LegalPage:
    """The published statement of ``kind`` with who last changed it; Http404 when missing."""
    try:
        return LegalPage.objects.select_related("updated_by").get(kind=kind)
    except LegalPage.DoesNotExist:
        raise Http404 from None
