"""The kinds of document, registered by the domain apps so that this app imports none.

A domain app registers each kind it offers in its ``AppConfig.ready`` (or a ``documents``
module imported there): how to load the subject by id, who may see it (its own permission
predicate), the data the template reads, the template, the title, and the slot of the
subject's page where the documents' status is shown. ``documents`` asks the registry and
never the domain app.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document.

    ``load(subject_id)`` gives the subject or None; ``can_view(viewer, subject)`` says who
    may see it (and so its documents); ``data(subject)`` is what the template reads (a
    dataclass or a dict); ``title(subject, data)`` names the document; ``volatile`` lists the
    data's top-level keys that do not count in its hash (the moment it was gathered).
    ``page_slot`` is the ``core.sections`` slot of the subject's page, given the subject as
    ``subject``, where the documents' status is shown. ``exports`` maps the editable
    formats the kind offers besides its PDF (``docx``, ``xlsx``: ``documents.exports``) to
    their builders, ``build(data, *, title, code) -> bytes``, run by the worker with the
    PDF. ``data`` may refuse a subject that has no document (an ``ApplicationError``: a
    draft comment has no receipt)."""

    name: str
    label: str | Promise
    load: Callable[[int], Any | None]
    can_view: Callable[[Any, Any], bool]
    data: Callable[[Any], Any]
    template: str
    title: Callable[[Any, Any], str]
    page_slot: str = ""
    volatile: tuple[str, ...] = ()
    exports: dict[str, Callable[..., bytes]] = field(default_factory=dict)


_kinds: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    """Add (or replace, by its name) a kind of document, and its status section on the
    subject's page."""
    from documents.sections import register_kind_section

    _kinds[kind.name] = kind
    register_kind_section(kind)


def get(name: str) -> DocumentKind | None:
    return _kinds.get(name)


def kinds() -> list[DocumentKind]:
    return list(_kinds.values())


def _plain(data: Any) -> Any:
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return dataclasses.asdict(data)
    return data


def data_hash(kind: DocumentKind, data: Any) -> str:
    """The SHA-256 of the data as canonical JSON, without the kind's volatile keys."""
    plain = _plain(data)
    if isinstance(plain, dict):
        plain = {key: value for key, value in plain.items() if key not in kind.volatile}
    text = json.dumps(plain, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
