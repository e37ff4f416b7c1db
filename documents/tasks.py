"""The documents' tasks, on their own queue (``documents``, see ``CELERY_TASK_ROUTES``) so a
long report never delays an e-mail. Safe to run twice: each step of the rendering is
claimed with a conditional UPDATE (``documents.services``), so the task needs no
``once``; a rendering must not run inside one long transaction either."""

from __future__ import annotations

from core.tasks import task
from documents import services


@task(name="documents.render")
def render_document(document_id: int) -> bool:
    return services.document_render(document_id=document_id)


@task(name="documents.requeue_stale")
def requeue_stale_documents() -> list[int]:
    """Beat: re-queue documents a dead worker left in rendering or signing."""
    return services.documents_requeue_stale()
