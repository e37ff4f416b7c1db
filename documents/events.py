"""What the documents services record in the audit log (see ``core.events``)."""

from __future__ import annotations

from core.events import AuditVerb


class DocumentVerb(AuditVerb):
    """Rendered and signed documents."""

    DOCUMENT_REQUESTED = "document.requested"
    DOCUMENT_READY = "document.ready"
    DOCUMENT_FAILED = "document.failed"
    DOCUMENT_REQUEUED = "document.requeued"
