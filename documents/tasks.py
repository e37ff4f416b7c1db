"""The documents' tasks, on their own queue (``documents``, see ``CELERY_TASK_ROUTES``) so a
long report never delays an e-mail. Safe to run twice: each step of the rendering is
claimed with a conditional UPDATE (``documents.services``), so the task needs no
``once``; a rendering must not run inside one long transaction either."""

from __future__ import annotations

from typing import Any

from core.tasks import task
from documents import services


@task(name="documents.render", bind=True)
def render_document(self: Any, document_id: int) -> bool:
    # Redelivered: the worker process that had the message died (acknowledged late, and
    # rejected back to the queue when its process is lost), or it outlived the broker's
    # visibility timeout; the service takes over what that delivery left.
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    return services.document_render(document_id=document_id, redelivered=redelivered)


@task(name="documents.requeue_stale")
def requeue_stale_documents() -> list[int]:
    """Beat: re-queue documents a dead worker left in rendering or signing."""
    return services.documents_requeue_stale()
