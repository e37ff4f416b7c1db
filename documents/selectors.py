"""Reading documents: one a viewer may see, a subject's documents, one by its code."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.exceptions import NotFound
from documents import permissions, registry
from documents.models import Document, normalise_code


def document_get_for(*, viewer: Any, pk: int) -> Document:
    """The document ``pk`` if ``viewer`` may see its subject; otherwise, as for one that
    does not exist, ``NotFound``. Two queries and the subject's."""
    document = Document.objects.filter(pk=pk).first()
    if document is None or not permissions.can_view_document(viewer, document):
        raise NotFound(_("There is no such document, or you may not see it."))
    return document


def subject_documents(*, kind: str, subject_id: int) -> list[Document]:
    """A subject's documents, newest first (the caller has checked the subject). One
    query."""
    return list(Document.objects.of_subject(kind, subject_id).newest_first())


def subject_documents_for(*, viewer: Any, kind: str, subject_id: int) -> list[Document]:
    """A subject's documents for ``viewer``, newest first: ``NotFound`` when the kind is
    unknown or the subject is not visible."""
    spec = registry.get(kind)
    subject = spec.load(subject_id) if spec is not None else None
    if spec is None or subject is None or not spec.can_view(viewer, subject):
        raise NotFound(_("There is no such subject, or you may not see it."))
    return subject_documents(kind=kind, subject_id=subject_id)


def document_by_code(code: str) -> Document | None:
    """The document with this verification code (as typed: any case, spaces, dashes)."""
    return Document.objects.filter(verification_code=normalise_code(code)).first()
