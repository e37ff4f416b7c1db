"""Asking for documents, rendering and signing them, and re-queueing stale ones.

A document is asked for by kind and subject id (``document_request`` for a viewer, with the
kind's own permission predicate; ``document_queue`` for a domain service, inside its own
transaction). The data is gathered in Polish, the documents' language, and hashed: the same
data gives back the existing document, changed data a new one. Rendering and signing run in
the ``documents.render`` task (``document_render``), each step claimed with a conditional
UPDATE so a redelivered message or the sweep's retry never makes a second file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.exceptions import InvalidInput, NotFound
from core.services import audit_log
from core.tasks import claim, enqueue_on_commit
from core.transactions import atomic_with_files, service_atomic, store_file
from documents import registry
from documents.events import DocumentVerb
from documents.exports import FORMATS
from documents.models import Document, DocumentStatus
from documents.rendering import DOCUMENT_LANGUAGE, render_html, render_pdf
from documents.signing import sign_pdf

logger = logging.getLogger(__name__)


class DocumentNotRendered(Exception):
    """A rendering that cannot succeed (the subject is gone, its data changed)."""


def kind_or_refuse(kind: str) -> registry.DocumentKind:
    spec = registry.get(kind)
    if spec is None:
        known = ", ".join(sorted(item.name for item in registry.kinds()))
        message = _("There is no kind of document “%(kind)s”. Choose one of: %(known)s.") % {
            "kind": kind,
            "known": known,
        }
        raise InvalidInput(message, extra={"fields": {"kind": [message]}})
    return spec


def _gather(spec: registry.DocumentKind, subject: Any) -> tuple[Any, str]:
    with translation.override(DOCUMENT_LANGUAGE):
        data = spec.data(subject)
        title = spec.title(subject, data)
    return data, title


def _render_task() -> Any:
    from documents.tasks import render_document

    return render_document


def _request(
    spec: registry.DocumentKind, subject: Any, subject_id: int, actor: Any
) -> tuple[Document, bool]:
    data, title = _gather(spec, subject)
    digest = registry.data_hash(spec, data)
    existing = Document.objects.of_subject(spec.name, subject_id).filter(data_hash=digest).first()
    if existing is not None:
        if existing.status == DocumentStatus.FAILED and claim(
            Document.objects.filter(pk=existing.pk),
            from_status=DocumentStatus.FAILED,
            to_status=DocumentStatus.QUEUED,
            error="",
        ):
            audit_log(actor=actor, verb=DocumentVerb.DOCUMENT_REQUEUED, target=existing)
            enqueue_on_commit(_render_task(), existing.pk)
            existing.refresh_from_db()
        return existing, False
    try:
        with transaction.atomic():
            document = Document.objects.create(
                kind=spec.name,
                subject_id=subject_id,
                title=title[:500],
                data_hash=digest,
                requested_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        # The same data asked for at the same moment: the other request's document.
        return Document.objects.of_subject(spec.name, subject_id).get(data_hash=digest), False
    audit_log(
        actor=actor,
        verb=DocumentVerb.DOCUMENT_REQUESTED,
        target=document,
        data={"kind": spec.name, "subject": subject_id, "hash": digest},
    )
    enqueue_on_commit(_render_task(), document.pk)
    return document, True


@service_atomic
def document_request(
    *, kind: str, subject_id: int, viewer: Any, actor: Any
) -> tuple[Document, bool]:
    """Ask for the document of ``kind`` about subject ``subject_id``, as ``viewer`` (who
    must be allowed to see the subject by the kind's predicate: otherwise, as for a subject
    that does not exist, ``NotFound``). Returns the document and whether it is new: the
    same data gives back the existing document (a failed one is queued again), changed data
    a new one, rendered by the worker after commit. Audited."""
    spec = kind_or_refuse(kind)
    subject = spec.load(subject_id)
    if subject is None or not spec.can_view(viewer, subject):
        raise NotFound(_("There is no such subject, or you may not see it."))
    return _request(spec, subject, subject_id, actor)


def document_queue(*, kind: str, subject: Any, actor: Any = None) -> Document:
    """Queue the document of ``kind`` about ``subject`` from a domain service, inside its
    transaction (no permission check: the service decided). Rendered after commit."""
    spec = kind_or_refuse(kind)
    with atomic_with_files():
        document, _created = _request(spec, subject, subject.pk, actor)
    return document


def _fail(document_id: int, attempt: int, error: str) -> None:
    with transaction.atomic():
        failed = Document.objects.filter(
            pk=document_id,
            attempt=attempt,
            status__in=[DocumentStatus.RENDERING, DocumentStatus.SIGNING],
        ).update(status=DocumentStatus.FAILED, error=error[:2000])
        if failed:
            audit_log(
                actor=None,
                verb=DocumentVerb.DOCUMENT_FAILED,
                target=Document.objects.get(pk=document_id),
                data={"error": error[:300]},
            )


def _take_over(document_id: int) -> None:
    """A redelivered message finds its document rendering or signing: the delivery that
    claimed it was lost (its worker process died, and ``task_reject_on_worker_lost`` put
    the message back) or held it past the broker's visibility timeout, so it goes back to
    queued, conditional on the attempt seen. Were that delivery still alive, it would lose
    its claim and store nothing."""
    seen = (
        Document.objects.filter(
            pk=document_id, status__in=[DocumentStatus.RENDERING, DocumentStatus.SIGNING]
        )
        .values_list("status", "attempt")
        .first()
    )
    if seen is None:
        return
    status, attempt = seen
    with transaction.atomic():
        if claim(
            Document.objects.filter(pk=document_id, attempt=attempt),
            from_status=status,
            to_status=DocumentStatus.QUEUED,
        ):
            audit_log(
                actor=None,
                verb=DocumentVerb.DOCUMENT_REQUEUED,
                target=Document.objects.get(pk=document_id),
                data={"from": status, "attempt": attempt, "redelivered": True},
            )


def document_render(*, document_id: int, redelivered: bool = False) -> bool:
    """Render and sign a queued document (the worker's task). Claims it (queued to
    rendering, one more attempt), renders the PDF and the kind's exports from the same data,
    claims the signing, signs, and stores the files with the PDF's SHA-256, size and pages
    in one transaction that also makes it ready; only the
    attempt that holds the claim may finish, so a redelivery or the sweep's retry never
    stores a second file. A ``redelivered`` message (the broker's flag) first takes over a
    claim its lost delivery left. Returns whether this call made it ready. A rendering
    that cannot succeed marks the document failed with the reason."""
    if redelivered:
        _take_over(document_id)
    rows = Document.objects.filter(pk=document_id)
    if not claim(
        rows,
        from_status=DocumentStatus.QUEUED,
        to_status=DocumentStatus.RENDERING,
        started_at=timezone.now(),
        attempt=F("attempt") + 1,
        error="",
    ):
        return False
    document = rows.get()
    attempt = document.attempt
    try:
        spec = registry.get(document.kind)
        subject = spec.load(document.subject_id) if spec is not None else None
        if spec is None or subject is None:
            raise DocumentNotRendered(_("The document's subject no longer exists."))
        data, _title = _gather(spec, subject)
        if registry.data_hash(spec, data) != document.data_hash:
            raise DocumentNotRendered(
                _("The data changed after the document was requested. Request it again.")
            )
        html = render_html(
            template=spec.template,
            context={"data": data},
            title=document.title,
            code=document.verification_code,
        )
        rendered = render_pdf(html)
        exports = _build_exports(spec, data, document)
        if not claim(
            rows.filter(attempt=attempt),
            from_status=DocumentStatus.RENDERING,
            to_status=DocumentStatus.SIGNING,
        ):
            return False
        with translation.override(DOCUMENT_LANGUAGE):
            signed = sign_pdf(rendered.data, number=document.title, code=document.verification_code)
        return _store(document_id, attempt, signed, rendered.pages, exports)
    except DocumentNotRendered as error:
        _fail(document_id, attempt, str(error))
        return False
    except Exception as error:
        logger.exception("Document %s could not be rendered", document_id)
        _fail(
            document_id,
            attempt,
            _("The document could not be rendered: %(error)s") % {"error": type(error).__name__},
        )
        raise


def _build_exports(spec: registry.DocumentKind, data: Any, document: Document) -> dict[str, bytes]:
    """The kind's editable exports, from the data the PDF is rendered from (in Polish)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return {
            name: build(data, title=document.title, code=document.verification_code)
            for name, build in spec.exports.items()
        }


def _store(
    document_id: int, attempt: int, signed: Any, pages: int, exports: dict[str, bytes]
) -> bool:
    with atomic_with_files():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status != DocumentStatus.SIGNING or document.attempt != attempt:
            return False
        store_file(document.file, document.filename, ContentFile(signed.data))
        for name, content in exports.items():
            export = FORMATS[name]
            store_file(
                getattr(document, export.field), document.filename_as(name), ContentFile(content)
            )
        document.sha256 = hashlib.sha256(signed.data).hexdigest()
        document.signature_sha256 = signed.signature_sha256
        document.size = len(signed.data)
        document.pages = pages
        document.signer = signed.signer[:300]
        document.test_signature = signed.test_signature
        document.status = DocumentStatus.READY
        document.ready_at = timezone.now()
        document.save()
        audit_log(
            actor=None,
            verb=DocumentVerb.DOCUMENT_READY,
            target=document,
            data={
                "sha256": document.sha256,
                "pages": pages,
                "size": document.size,
                "formats": document.formats,
            },
        )
    return True


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "DOCUMENTS_STALE_AFTER_SECONDS", 15 * 60))


def documents_requeue_stale(*, now: dt.datetime | None = None) -> list[int]:
    """Queue again the documents stuck in rendering or signing (a worker died) or left
    queued (a message lost) for longer than ``DOCUMENTS_STALE_AFTER_SECONDS``; each move
    back to queued is conditional on the attempt seen, so a worker still finishing it loses
    its claim instead of storing a second file. Returns the ids queued again."""
    cutoff = (now or timezone.now()) - stale_after()
    requeued: list[int] = []
    stale = Document.objects.filter(
        Q(status__in=[DocumentStatus.RENDERING, DocumentStatus.SIGNING], started_at__lt=cutoff)
        | Q(status=DocumentStatus.QUEUED, created_at__lt=cutoff)
    ).values_list("pk", "status", "attempt")
    for pk, status, attempt in stale:
        with transaction.atomic():
            if status != DocumentStatus.QUEUED and not claim(
                Document.objects.filter(pk=pk, attempt=attempt),
                from_status=status,
                to_status=DocumentStatus.QUEUED,
            ):
                continue
            if status != DocumentStatus.QUEUED:
                audit_log(
                    actor=None,
                    verb=DocumentVerb.DOCUMENT_REQUEUED,
                    target=Document.objects.get(pk=pk),
                    data={"from": status, "attempt": attempt},
                )
            enqueue_on_commit(_render_task(), pk)
        requeued.append(pk)
    return requeued
