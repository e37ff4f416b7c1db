"""Asking for documents and rendering them: one document per data, a new one when the data
changes (the old one stays), the kind's permission, the worker's task run twice (one file),
failures, the sweep of stale documents, and the documents queued by adopting a position and
publishing a report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from consultations import services as consultation_services
from core.exceptions import InvalidInput, NotFound
from core.models import AuditEvent
from documents import services
from documents.models import Document, DocumentStatus
from documents.tasks import render_document, requeue_stale_documents
from opinions import services as opinion_services
from tests.tasks import run_as_worker

pytestmark = pytest.mark.django_db


def ask(kind, subject, user):
    return services.document_request(kind=kind, subject_id=subject.pk, viewer=user, actor=user)


def test_the_same_data_gives_the_same_document_and_changed_data_a_new_one(
    position_in, council_member, english
):
    position = position_in("draft")
    first, created = ask("position", position, council_member)
    again, created_again = ask("position", position, council_member)
    assert created
    assert not created_again
    assert again.pk == first.pk
    assert first.status == DocumentStatus.QUEUED
    assert first.title.startswith("Projekt stanowiska:")  # documents are in Polish

    opinion_services.item_add(position=position, actor=council_member, text="Punkt drugi.")
    changed, created_changed = ask("position", position, council_member)
    assert created_changed
    assert changed.pk != first.pk
    assert changed.data_hash != first.data_hash
    assert Document.objects.filter(pk=first.pk).exists()  # the old one stays
    assert AuditEvent.objects.filter(verb="document.requested").count() == 2


def test_the_data_is_hashed_in_polish_whoever_asks(position_in, council_member):
    from django.utils import translation

    position = position_in("draft")
    with translation.override("en"):
        english, _ = ask("position", position, council_member)
    polish, created = ask("position", position, council_member)
    assert not created
    assert polish.pk == english.pk
    assert polish.title.startswith("Projekt stanowiska:")


def test_a_draft_positions_document_is_only_for_those_who_see_the_draft(
    position_in, official, other_ngo_representative, anonymous
):
    position = position_in("draft")
    for outsider in (official, other_ngo_representative, anonymous):
        with pytest.raises(NotFound):
            ask("position", position, outsider)
    assert not Document.objects.exists()


def test_an_adopted_position_and_a_published_report_are_for_everyone(
    position_in, published_report, resident
):
    adopted = position_in("adopted")
    consultation, _comments = published_report()
    assert ask("position", adopted, resident)[0].kind == "position"
    assert ask("consultation_report", consultation, resident)[0].subject_id == consultation.pk


def test_an_unknown_kind_or_subject_is_refused(council_member, english):
    with pytest.raises(InvalidInput) as error:
        services.document_request(
            kind="term_sheet", subject_id=1, viewer=council_member, actor=council_member
        )
    assert "position" in error.value.message
    with pytest.raises(NotFound):
        services.document_request(
            kind="position", subject_id=999_999, viewer=council_member, actor=council_member
        )


def test_the_worker_renders_signs_and_stores_one_file_when_run_twice(
    position_in, council_member, fake_rendering
):
    document, _ = ask("position", position_in("draft"), council_member)

    results = run_as_worker(render_document, document.pk)

    assert results == [True, False]  # the redelivery finds it ready and does nothing
    assert (fake_rendering.renders, fake_rendering.signs) == (1, 1)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert document.attempt == 1
    data = document.file.read()
    assert document.size == len(data)
    assert document.pages == 1
    import hashlib

    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.file.name.endswith(f"{document.verification_code}.pdf")
    assert AuditEvent.objects.filter(verb="document.ready").count() == 1


def test_a_subject_gone_marks_the_document_failed_with_the_reason(
    position_in, council_member, fake_rendering, english
):
    document, _ = ask("position", position_in("draft"), council_member)
    Document.objects.filter(pk=document.pk).update(subject_id=999_999)  # as if deleted
    assert run_as_worker(render_document, document.pk) == [False, False]
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.error == "The document's subject no longer exists."
    assert not document.file
    assert fake_rendering.renders == 0


def test_data_changed_after_the_request_fails_and_asking_again_makes_a_new_one(
    position_in, council_member, fake_rendering, english
):
    position = position_in("draft")
    document, _ = ask("position", position, council_member)
    opinion_services.item_add(position=position, actor=council_member, text="Później dodany.")
    run_as_worker(render_document, document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "changed" in document.error
    newer, created = ask("position", position, council_member)
    assert created
    assert newer.pk != document.pk


def test_asking_again_for_a_failed_document_queues_it_again(
    position_in, council_member, fake_rendering
):
    position = position_in("draft")
    document, _ = ask("position", position, council_member)
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.FAILED, error="x")
    again, created = ask("position", position, council_member)
    assert not created
    assert again.pk == document.pk
    assert again.status == DocumentStatus.QUEUED
    assert again.error == ""


def test_a_rendering_error_marks_the_document_failed_and_is_raised(
    position_in, council_member, monkeypatch
):
    document, _ = ask("position", position_in("draft"), council_member)

    def broken(html):
        raise ValueError("layout")

    monkeypatch.setattr(services, "render_pdf", broken)
    with pytest.raises(ValueError, match="layout"):
        services.document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "ValueError" in document.error


def test_the_sweep_requeues_a_document_a_dead_worker_left_rendering(
    position_in, council_member, fake_rendering, worker, django_capture_on_commit_callbacks
):
    document, _ = ask("position", position_in("draft"), council_member)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    # A worker claimed it, then died (kill -9) before finishing.
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.RENDERING, started_at=long_ago, attempt=1, created_at=long_ago
    )
    recent, _ = ask("position", position_in("draft"), council_member)
    Document.objects.filter(pk=recent.pk).update(
        status=DocumentStatus.RENDERING, started_at=timezone.now(), attempt=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert run_as_worker(requeue_stale_documents, times=1) == [[document.pk]]
    assert worker.names == ["documents.render"]
    worker.run()

    document.refresh_from_db()
    recent.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert document.attempt == 2
    assert recent.status == DocumentStatus.RENDERING  # still within its time: left alone
    assert fake_rendering.signs == 1


def test_a_slow_worker_that_lost_its_claim_to_the_sweep_stores_nothing(
    position_in, council_member, fake_rendering, monkeypatch
):
    document, _ = ask("position", position_in("draft"), council_member)
    original_sign = services.sign_pdf

    def sign_after_the_sweep(pdf, *, number, code):
        # While this worker signs, the sweep gives the document to another attempt.
        Document.objects.filter(pk=document.pk).update(
            status=DocumentStatus.QUEUED, started_at=None
        )
        return original_sign(pdf, number=number, code=code)

    monkeypatch.setattr(services, "sign_pdf", sign_after_the_sweep)
    assert services.document_render(document_id=document.pk) is False
    document.refresh_from_db()
    assert document.status == DocumentStatus.QUEUED
    assert not document.file


def test_adopting_a_position_queues_its_document_on_commit(
    position_in, worker, django_capture_on_commit_callbacks, fake_rendering
):
    with django_capture_on_commit_callbacks(execute=True):
        position = position_in("adopted")
    [document] = Document.objects.filter(kind="position", subject_id=position.pk)
    assert document.title.startswith(f"Uchwała nr {position.number_label}")
    assert "documents.render" in worker.names
    worker.run()
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY


def test_publishing_a_report_queues_its_document(db, official, worker):
    from tests import factories

    now = timezone.now()
    consultation = factories.ConsultationFactory(
        version__act__department=official.official_posts.first().department,
        starts_at=now - dt.timedelta(days=20),
        ends_at=now - dt.timedelta(days=2),
    )
    consultation_services.report_publish(consultation=consultation, actor=official)
    [document] = Document.objects.filter(kind="consultation_report", subject_id=consultation.pk)
    assert document.title.startswith("Sprawozdanie z konsultacji:")
    assert document.requested_by == official


def test_the_documents_task_goes_to_its_own_queue(settings):
    from config.celery import app

    assert app.amqp.router.route({}, "documents.render")["queue"].name == "documents"
    assert app.amqp.router.route({}, "core.ping")["queue"].name != "documents"
