"""Versions of an act: added from text or a file, parsed into provisions, reparsed, published."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acts import permissions
from acts.events import ActVerb
from acts.exceptions import (
    ActClosed,
    DraftVersionExists,
    EmptyText,
    UnreadableDocument,
    VersionPublished,
)
from acts.models import (
    ActStatus,
    ActVersion,
    LegalAct,
    Provision,
    ProvisionKind,
    SourceKind,
)
from acts.parsing import parse_text
from acts.parsing.errors import DocumentError
from acts.parsing.labels import anchor_for_label
from acts.parsing.readers import read_document
from acts.services.acts import locked_act
from core.exceptions import NotAllowed
from core.services import audit_log
from core.transactions import atomic_with_files, store_file
from core.uploads import read_upload

Result = TypeVar("Result")


def _normalise_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A version can also be pasted: the refusal of a large file says so.
_PASTE_INSTEAD = gettext_lazy(
    "The file is larger than %(limit)s. Upload a smaller file or paste the text instead."
)


def _text_from_file(file: UploadedFile) -> tuple[str, bytes]:
    limit = settings.UPLOAD_MAX_BYTES
    data = read_upload(file, max_bytes=limit, too_large=_PASTE_INSTEAD)
    try:
        text = read_document(file.name or "", data, max_bytes=limit)
    except DocumentError as error:
        message = str(error.message)
        raise UnreadableDocument(
            message, code=error.code or None, extra={"fields": {"file": [message]}}
        ) from None
    return text, data


def _require_text(text: str, *, field: str) -> None:
    if not text.strip():
        message = (
            _("The file contains no text. Upload the file with the act or paste its text.")
            if field == "file"
            else str(EmptyText.default_message)
        )
        raise EmptyText(message, extra={"fields": {field: [message]}})


def _with_file_cleanup(work: Callable[[], Result]) -> Result:
    """Run ``work`` in a transaction that removes the files it stored if it rolls back
    (``core.transactions.store_file``): a refused or failed version leaves nothing behind,
    not even the uploaded file."""
    with atomic_with_files():
        return work()


def version_create(
    *,
    act: LegalAct,
    actor: Any,
    text: str | None = None,
    file: UploadedFile | None = None,
    change_note: str = "",
) -> ActVersion:
    """Add the next version of an act from pasted text or an uploaded .docx/.odt/.txt file.

    The text is parsed into provisions, which the official can correct until publishing.
    Preconditions: the actor edits the act, the act is not adopted or withdrawn, and it has
    no other unpublished version. Empty text, an unreadable or oversized file and a .docx
    with macros or embedded objects are refused; nothing is stored then, no file either.
    The uploaded file is kept under ``acts/<act id>/``. Audited.
    """
    if (text is None) == (file is None):
        raise TypeError("Give either text or file.")

    if not permissions.can_edit_act(actor, act):
        raise NotAllowed(_("Only officials of the responsible department can add versions."))
    # Reading and parsing take the longest, so they happen before the act is locked.
    data = b""
    if file is not None:
        source_text, data = _text_from_file(file)
        source_text = _normalise_text(source_text)
        _require_text(source_text, field="file")
    else:
        source_text = _normalise_text(text or "")
        _require_text(source_text, field="text")
    result = parse_text(source_text)

    def work() -> ActVersion:
        locked = locked_act(act)
        if not locked.is_open:
            raise ActClosed()
        if locked.versions.drafts().exists():
            raise DraftVersionExists()
        # Numbers are gapless: taken under the lock on the act row, and versions are
        # never deleted.
        last = locked.versions.aggregate(last=Max("number"))["last"] or 0
        version = ActVersion(
            act=locked,
            number=last + 1,
            source_kind=SourceKind.FILE if file is not None else SourceKind.TEXT,
            source_text=source_text,
            source_filename=(file.name or "")[:255] if file is not None else "",
            change_note=change_note.strip(),
            created_by=actor,
        )
        _apply_parse_result(version, result)
        version.save()
        _store_provisions(version, result.provisions)
        locked.save(update_fields=["updated_at"])
        audit_log(
            actor=actor,
            verb=ActVerb.ACT_VERSION_CREATED,
            target=version,
            data={
                "act": locked.pk,
                "number": version.number,
                "source": version.source_kind,
                "filename": version.source_filename,
                "provisions": len(result.provisions),
                "warnings": len(version.warnings),
            },
        )
        if file is not None:
            name = _file_name(file.name or "")
            store_file(version.source_file, name, ContentFile(data))
            version.save(update_fields=["source_file"])
        return version

    return _with_file_cleanup(work)


def _file_name(filename: str) -> str:
    """The uploaded file's own name, without any directories a browser may send."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or "document"


def _apply_parse_result(version: ActVersion, result: Any) -> None:
    version.parsed_title = (result.title or "")[:1000]
    version.parsed_subject = (result.subject or "")[:1000]
    version.parsed_act_type = (result.act_type or "")[:100]
    version.warnings = _warnings_as_data(result.warnings)


def _warnings_as_data(warnings: Iterable[Any]) -> list[dict[str, str]]:
    # Stored in the site's language: the officials who read them work in it.
    with translation.override(settings.LANGUAGE_CODE):
        return [
            {
                "code": str(warning.code),
                "message": str(warning.message),
                "label": str(warning.label or ""),
            }
            for warning in warnings
        ]


def unique_anchor(anchor: str, taken: set[str]) -> str:
    """``anchor`` (shortened), or with the first free numeric suffix if it is taken."""
    anchor = anchor[:180]
    if anchor not in taken:
        return anchor
    suffix = 2
    while f"{anchor}-{suffix}" in taken:
        suffix += 1
    return f"{anchor}-{suffix}"


def _store_provisions(version: ActVersion, parsed: Sequence[Any]) -> int:
    """Insert a version's provisions with a constant number of queries.

    One bulk INSERT (SQLite splits it into batches of at most 999 variables), then one
    UPDATE that turns each unit's ``parent_order`` into its ``parent_id``. Units are
    renumbered 0…n-1 in document order; depth follows the parent; anchors are made unique.
    """
    units = sorted(parsed, key=lambda unit: unit.order)
    # A parent is named by its label; labels can repeat in a damaged text, so the parent is
    # the nearest preceding unit with that label.
    order_of_label: dict[str, int] = {}
    depth_at: list[int] = []
    anchors: set[str] = set()
    rows = []
    for order, unit in enumerate(units):
        parent_order = order_of_label.get(unit.parent) if unit.parent else None
        depth = depth_at[parent_order] + 1 if parent_order is not None else 0
        depth_at.append(depth)
        label = str(unit.label)[:300]
        anchor = unique_anchor(str(unit.anchor or "") or anchor_for_label(label), anchors)
        anchors.add(anchor)
        order_of_label[str(unit.label)] = order
        rows.append(
            Provision(
                version=version,
                parent_order=parent_order,
                kind=unit.kind if unit.kind in ProvisionKind.values else ProvisionKind.TEXT,
                label=label,
                anchor=anchor,
                number=str(unit.number or "")[:50],
                text=unit.text or "",
                order=order,
                depth=depth,
            )
        )
    Provision.objects.bulk_create(rows)
    _link_parents(version)
    return len(rows)


def _link_parents(version: ActVersion) -> None:
    Provision.objects.filter(version=version, parent_order__isnull=False).update(
        parent_id=Subquery(
            Provision.objects.filter(version=version, order=OuterRef("parent_order")).values("id")[
                :1
            ]
        )
    )


def locked_draft(version: ActVersion, actor: Any) -> ActVersion:
    """The version, locked, after checking the actor may edit it and it is still a draft."""
    if not permissions.can_edit_version(actor, version):
        raise NotAllowed(_("Only officials of the responsible department can change versions."))
    locked = (
        ActVersion.objects.select_for_update(of=("self",)).select_related("act").get(pk=version.pk)
    )
    if locked.is_published:
        raise VersionPublished()
    if not locked.act.is_open:
        raise ActClosed()
    return locked


@transaction.atomic
def version_reparse(
    *, version: ActVersion, actor: Any, text: str, change_note: str | None = None
) -> ActVersion:
    """Replace the text of a draft version and parse it again; earlier corrections to its
    provisions are dropped with the old provisions. An uploaded file stays as the record of
    what was received. Audited."""
    version = locked_draft(version, actor)
    source_text = _normalise_text(text)
    _require_text(source_text, field="text")
    result = parse_text(source_text)
    Provision.objects.filter(version=version).update(parent=None)
    Provision.objects.filter(version=version).delete()
    version.source_text = source_text
    if change_note is not None:
        version.change_note = change_note.strip()
    _apply_parse_result(version, result)
    version.save()
    _store_provisions(version, result.provisions)
    audit_log(
        actor=actor,
        verb=ActVerb.ACT_VERSION_REPARSED,
        target=version,
        data={"provisions": len(result.provisions), "warnings": len(version.warnings)},
    )
    return version


@transaction.atomic
def version_publish(*, version: ActVersion, actor: Any) -> ActVersion:
    """Publish a draft version: it is frozen from now on and public, and the act becomes
    published. Refused for a version without provisions. Audited."""
    if not permissions.can_edit_version(actor, version):
        raise NotAllowed(_("Only officials of the responsible department can publish versions."))
    act = locked_act(version.act)
    version = locked_draft(version, actor)
    if not version.provisions.exists():
        raise EmptyText(_("This version has no text. Paste the text again before publishing."))
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["published_at", "published_by", "updated_at"])
    previous_status = act.status
    if act.status == ActStatus.DRAFT:
        act.status = ActStatus.PUBLISHED
    act.save(update_fields=["status", "updated_at"])
    version.act = act
    audit_log(
        actor=actor,
        verb=ActVerb.ACT_VERSION_PUBLISHED,
        target=version,
        data={"act": act.pk, "number": version.number, "act_status_from": previous_status},
    )
    return version
