"""Who may see a document: whoever may see its subject, by the predicate its kind
registered (a draft position's only the council, an adopted one and a published report
everyone). Deny by default: an unknown kind or a subject that is gone is seen by no one."""

from __future__ import annotations

from typing import Any

from documents import registry
from documents.models import Document


def can_view_document(viewer: Any, document: Document, *, subject: Any = None) -> bool:
    spec = registry.get(document.kind)
    if spec is None:
        return False
    if subject is None:
        subject = spec.load(document.subject_id)
    return subject is not None and spec.can_view(viewer, subject)


def can_request_document(viewer: Any, kind: str, subject: Any) -> bool:
    spec = registry.get(kind)
    return spec is not None and subject is not None and spec.can_view(viewer, subject)
