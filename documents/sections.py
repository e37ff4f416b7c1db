"""The documents' status on the subject's page (a ``core.sections`` slot the kind names):
each document with its status, size and download link, updating itself while it is being
made (``static/js/documents.js``), and a button to ask for one when there is none for the
current data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template import Context
from django.template.loader import render_to_string

from core.sections import PageSection, register
from documents import exports, registry, selectors


def _renderer(kind: registry.DocumentKind) -> Any:
    def render(context: Context, arguments: Mapping[str, Any]) -> str:
        subject = arguments.get("subject")
        request = context.get("request")
        if subject is None or request is None:
            return ""
        viewer = request.user
        if not kind.can_view(viewer, subject):
            return ""
        documents = selectors.subject_documents(kind=kind.name, subject_id=subject.pk)
        return render_to_string(
            "documents/status_section.html",
            {
                "kind": kind,
                "subject": subject,
                "documents": documents,
                "any_in_progress": any(document.in_progress for document in documents),
                "exports": [
                    exports.FORMATS[name] for name in exports.offered(kind) if name != exports.PDF
                ],
            },
            request=request,
        )

    return render


def register_kind_section(kind: registry.DocumentKind) -> None:
    if kind.page_slot:
        register(
            PageSection(
                slot=kind.page_slot,
                name=f"documents.{kind.name}",
                render=_renderer(kind),
            )
        )
