"""A message redelivered after its worker process died: the render task reads the broker's
"redelivered" flag and takes over the claim the lost delivery left (rendering or signing),
so the document becomes ready at once instead of waiting for the sweep; a first delivery
never takes over, a redelivery of a ready document does nothing, and a delivery still
alive after the takeover stores nothing. The real worker killed with ``kill -9`` is
``tests/integration/test_document_worker_killed.py``."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from documents import services
from documents.models import Document, DocumentStatus
from documents.tasks import render_document
from tests.documents.conftest import make_published_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_report(db):
    report, _comments = make_published_report(count=1)
    return services.document_queue(kind="consultation_report", subject=report)


def left_by_a_dead_worker(document: Document, status: str = DocumentStatus.RENDERING) -> None:
    Document.objects.filter(pk=document.pk).update(status=status, attempt=1)


def deliver(document: Document, *, redelivered: bool) -> bool:
    """The task as the worker runs it for a message with (or without) the flag."""
    render_document.push_request(delivery_info={"redelivered": redelivered})
    try:
        return render_document.run(document.pk)
    finally:
        render_document.pop_request()


@pytest.mark.parametrize("status", [DocumentStatus.RENDERING, DocumentStatus.SIGNING])
def test_a_redelivered_message_takes_over_what_its_dead_worker_left(
    queued_report, fake_rendering, status
):
    left_by_a_dead_worker(queued_report, status)

    assert deliver(queued_report, redelivered=True) is True

    queued_report.refresh_from_db()
    assert queued_report.status == DocumentStatus.READY
    assert queued_report.attempt == 2
    assert (fake_rendering.renders, fake_rendering.signs) == (1, 1)
    requeued = AuditEvent.objects.get(verb="document.requeued")
    assert requeued.data == {"from": status, "attempt": 1, "redelivered": True}


def test_a_first_delivery_never_takes_over_a_claim(queued_report, fake_rendering):
    left_by_a_dead_worker(queued_report)

    assert deliver(queued_report, redelivered=False) is False

    queued_report.refresh_from_db()
    assert queued_report.status == DocumentStatus.RENDERING
    assert fake_rendering.renders == 0


def test_a_redelivered_message_of_a_ready_document_does_nothing(queued_report, fake_rendering):
    assert deliver(queued_report, redelivered=False) is True
    queued_report.refresh_from_db()
    stored = queued_report.file.name

    assert deliver(queued_report, redelivered=True) is False

    queued_report.refresh_from_db()
    assert (queued_report.status, queued_report.attempt) == (DocumentStatus.READY, 1)
    assert queued_report.file.name == stored
    assert fake_rendering.renders == 1
    assert not AuditEvent.objects.filter(verb="document.requeued").exists()


def test_a_delivery_still_alive_after_the_takeover_stores_nothing(
    queued_report, fake_rendering, monkeypatch, settings
):
    original_sign = services.sign_pdf

    def sign_while_taken_over(pdf, *, number, code):
        # While this delivery signs, its message is redelivered and taken over.
        monkeypatch.setattr(services, "sign_pdf", original_sign)
        assert deliver(queued_report, redelivered=True) is True
        return original_sign(pdf, number=number, code=code)

    monkeypatch.setattr(services, "sign_pdf", sign_while_taken_over)

    assert services.document_render(document_id=queued_report.pk) is False

    queued_report.refresh_from_db()
    assert (queued_report.status, queued_report.attempt) == (DocumentStatus.READY, 2)
    assert fake_rendering.signs == 2  # both signed; only the takeover stored its file
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    # The takeover's PDF and its exports, made with it; nothing of the first attempt.
    assert sorted(path.relative_to(settings.MEDIA_ROOT).as_posix() for path in stored) == sorted(
        field.name
        for field in (queued_report.file, queued_report.docx_file, queued_report.xlsx_file)
        if field
    )
    assert queued_report.file.name.endswith(".pdf")
    assert AuditEvent.objects.filter(verb="document.ready").count() == 1
