"""``{% signed_document_url kind subject_id as url %}``: the absolute download address of
a subject's newest signed document, if one is ready when the template is rendered, else
an empty string. For e-mails, which are written when sent (after the change that queued
the document committed): a mail links the file only once it exists, and otherwise the
subject's page, where the document appears when ready."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

from documents.models import DocumentStatus
from documents.selectors import subject_documents

register = template.Library()


@register.simple_tag
def signed_document_url(kind: str, subject_id: int | None) -> str:
    if not subject_id:
        return ""
    for document in subject_documents(kind=kind, subject_id=int(subject_id)):
        if document.status == DocumentStatus.READY:
            path = reverse("documents:download", kwargs={"pk": document.pk})
            return f"{settings.SITE_URL}{path}"
    return ""
