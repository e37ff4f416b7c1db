"""Every change to legal acts, their versions and the provisions of a draft version."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, OuterRef, Subquery
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Department
from consultations import permissions
from consultations.events import ActVerb
from consultations.exceptions import (
    ActClosed,
    DraftVersionExists,
    EmptyText,
    FileTooLarge,
    InvalidCorrection,
    UnreadableDocument,
    VersionPublished,
)
from consultations.models import (
    ActStatus,
    ActType,
    ActVersion,
    LegalAct,
    Provision,
    ProvisionKind,
    SourceKind,
    Topic,
)
from consultations.parsing import parse_text
from consultations.parsing.errors import DocumentError
from consultations.parsing.labels import anchor_for_label
from consultations.parsing.readers import read_document
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from core.transactions import atomic_with_files, store_file

Result = TypeVar("Result")

# --- Acts -------------------------------------------------------------------------------

ACT_FIELDS = ("title", "subject", "act_type", "issuing_authority", "legal_basis", "department")


def _clean_act(act: LegalAct) -> None:
    act.title = act.title.strip()
    act.subject = act.subject.strip()
    act.issuing_authority = act.issuing_authority.strip()
    act.legal_basis = act.legal_basis.strip()
    act.full_clean(exclude=["created_by"])


@transaction.atomic
def act_create(
    *,
    actor: Any,
    title: str,
    department: Department,
    act_type: str = ActType.CITY_COUNCIL_RESOLUTION,
    subject: str = "",
    issuing_authority: str = "",
    legal_basis: str = "",
    topics: Iterable[Topic] = (),
) -> LegalAct:
    """Register a draft act of ``department``; its text comes with the first version.

    Only an official of that department or an administrator may. Raises ValidationError for
    bad fields; nothing is stored then. Audited.
    """
    if not permissions.can_create_act(actor, department):
        raise NotAllowed(_("Only officials of the responsible department can create its acts."))
    act = LegalAct(
        title=title,
        subject=subject,
        act_type=act_type,
        issuing_authority=issuing_authority,
        legal_basis=legal_basis,
        department=department,
        status=ActStatus.DRAFT,
        created_by=actor,
    )
    _clean_act(act)
    act.save()
    topics = list(topics)
    if topics:
        act.topics.set(topics)
    audit_log(actor=actor, verb=ActVerb.LEGAL_ACT_CREATED, target=act)
    return act


def _locked_act(act: LegalAct) -> LegalAct:
    return LegalAct.objects.select_for_update().get(pk=act.pk)


@transaction.atomic
def act_update(
    *, act: LegalAct, actor: Any, topics: Iterable[Topic] | None = None, **data: Any
) -> LegalAct:
    """Change an act's metadata. Moving it to another department needs the right to create
    acts there too. Adopted and withdrawn acts stay as they were."""
    if not permissions.can_edit_act(actor, act):
        raise NotAllowed()
    act = _locked_act(act)
    if not act.is_open:
        raise ActClosed()
    changed: dict[str, Any] = {}
    for field, value in data.items():
        if field not in ACT_FIELDS:
            raise TypeError(f"Unknown act field: {field}")
        if getattr(act, field) != value:
            changed[field] = {"from": str(getattr(act, field)), "to": str(value)}
            setattr(act, field, value)
    if "department" in changed and not permissions.can_create_act(actor, act.department):
        raise NotAllowed(_("You can move an act only to a department you work in."))
    _clean_act(act)
    act.save()
    if topics is not None:
        topics = list(topics)
        previous = sorted(act.topics.values_list("slug", flat=True))
        if previous != sorted(topic.slug for topic in topics):
            changed["topics"] = {"from": previous, "to": sorted(topic.slug for topic in topics)}
        act.topics.set(topics)
    audit_log(actor=actor, verb=ActVerb.LEGAL_ACT_UPDATED, target=act, data=changed)
    return act


ACT_TRANSITION_VERBS: dict[str, ActVerb] = {
    ActStatus.PUBLISHED: ActVerb.LEGAL_ACT_PUBLISHED,
    ActStatus.ADOPTED: ActVerb.LEGAL_ACT_ADOPTED,
    ActStatus.WITHDRAWN: ActVerb.LEGAL_ACT_WITHDRAWN,
}


def _act_transition(*, act: LegalAct, actor: Any, to: str, reason: str = "") -> LegalAct:
    if not permissions.can_edit_act(actor, act):
        raise NotAllowed()
    act = _locked_act(act)
    if to not in LegalAct.TRANSITIONS.get(act.status, set()):
        raise InvalidTransition(
            _("The act is %(status)s, so this is not possible.")
            % {"status": act.get_status_display()}
        )
    previous = act.status
    act.status = to
    act.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        verb=ACT_TRANSITION_VERBS[to],
        target=act,
        data={"from": previous, "reason": reason},
    )
    return act


@transaction.atomic
def act_withdraw(*, act: LegalAct, actor: Any, reason: str = "") -> LegalAct:
    """The city drops the draft: no further versions; what was published stays public."""
    return _act_transition(act=act, actor=actor, to=ActStatus.WITHDRAWN, reason=reason.strip())


@transaction.atomic
def act_adopt(*, act: LegalAct, actor: Any) -> LegalAct:
    """Record that the authority adopted the act (its last published version)."""
    return _act_transition(act=act, actor=actor, to=ActStatus.ADOPTED)


# --- Versions ---------------------------------------------------------------------------


def _normalise_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_from_file(file: UploadedFile) -> tuple[str, bytes]:
    limit = settings.UPLOAD_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise _file_too_large(limit)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _file_too_large(limit)
    try:
        text = read_document(file.name or "", data, max_bytes=limit)
    except DocumentError as error:
        message = str(error.message)
        raise UnreadableDocument(
            message, code=error.code or None, extra={"fields": {"file": [message]}}
        ) from None
    return text, data


def _file_too_large(limit: int) -> FileTooLarge:
    message = _(
        "The file is larger than %(limit)s. Upload a smaller file or paste the text instead."
    ) % {"limit": filesizeformat(limit)}
    return FileTooLarge(message, extra={"fields": {"file": [message]}})


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
    """Add the next version of an act from pasted text or an uploaded .docx/.txt file.

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
        locked = _locked_act(act)
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
        anchor = _unique_anchor(str(unit.anchor or "") or anchor_for_label(label), anchors)
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


def _locked_draft(version: ActVersion, actor: Any) -> ActVersion:
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
    version = _locked_draft(version, actor)
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
    act = _locked_act(version.act)
    version = _locked_draft(version, actor)
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


# --- Corrections to a draft version's provisions ----------------------------------------

# (version, order) is unique and checked row by row, so "order = order + 1" can collide
# half-way through an UPDATE. Rows are first parked this far past any real position, then
# moved to their place. No act has a million units.
_PARKING_OFFSET = 1_000_000


def _shift_orders(version: ActVersion, *, from_order: int, by: int) -> None:
    """Move every unit at or after ``from_order`` by ``by`` places, parents' positions too."""
    units = Provision.objects.filter(version=version)
    units.filter(order__gte=from_order).update(order=F("order") + _PARKING_OFFSET)
    units.filter(order__gte=_PARKING_OFFSET).update(order=F("order") - _PARKING_OFFSET + by)
    units.filter(parent_order__gte=from_order).update(parent_order=F("parent_order") + by)


def _locked_provision(provision: Provision, actor: Any) -> tuple[ActVersion, Provision]:
    version = _locked_draft(provision.version, actor)
    try:
        current = Provision.objects.get(pk=provision.pk, version=version)
    except Provision.DoesNotExist:
        raise InvalidCorrection(
            _("This unit no longer exists; the text was changed meanwhile. Reload the page.")
        ) from None
    return version, current


def _anchors_in(version: ActVersion, *, exclude: Provision | None = None) -> set[str]:
    units = Provision.objects.filter(version=version)
    if exclude is not None:
        units = units.exclude(pk=exclude.pk)
    return set(units.values_list("anchor", flat=True))


def _unique_anchor(anchor: str, taken: set[str]) -> str:
    anchor = anchor[:180]
    if anchor not in taken:
        return anchor
    suffix = 2
    while f"{anchor}-{suffix}" in taken:
        suffix += 1
    return f"{anchor}-{suffix}"


def _forget_warnings(version: ActVersion, labels: Iterable[str]) -> None:
    """A corrected unit's warnings are settled: the official has looked at it."""
    settled = set(labels)
    version.warnings = [w for w in version.warnings if w.get("label") not in settled]


def _validate_kind(kind: str) -> None:
    if kind not in ProvisionKind.values:
        raise ValidationError({"kind": _("Choose one of the kinds of unit listed.")})


@transaction.atomic
def provision_update(
    *,
    provision: Provision,
    actor: Any,
    kind: str | None = None,
    label: str | None = None,
    text: str | None = None,
) -> Provision:
    """Correct one unit of a draft version: its kind, label or text. A new label gets a new
    anchor, unique in the version. The unit's parse warnings are cleared. Audited."""
    version, provision = _locked_provision(provision, actor)
    changed: dict[str, Any] = {}
    old_label = provision.label
    if kind is not None and kind != provision.kind:
        _validate_kind(kind)
        changed["kind"] = {"from": provision.kind, "to": kind}
        provision.kind = kind
    if label is not None and label.strip() != provision.label:
        label = label.strip()
        if not label:
            raise ValidationError({"label": _("Give the unit a label, e.g. § 3 ust. 2.")})
        changed["label"] = {"from": provision.label, "to": label}
        provision.label = label[:300]
        provision.anchor = _unique_anchor(
            anchor_for_label(label), _anchors_in(version, exclude=provision)
        )
    if text is not None and text != provision.text:
        changed["text"] = {"from": provision.text, "to": text}
        provision.text = text
    if not changed:
        return provision
    provision.save(update_fields=["kind", "label", "anchor", "text"])
    _forget_warnings(version, [old_label, provision.label])
    version.save(update_fields=["warnings", "updated_at"])
    audit_log(
        actor=actor,
        verb=ActVerb.PROVISION_UPDATED,
        target=version,
        data={"provision": provision.pk, "label": provision.label, "changes": changed},
    )
    return provision


@transaction.atomic
def provision_split(
    *, provision: Provision, actor: Any, offset: int, label: str = ""
) -> tuple[Provision, Provision]:
    """Split a unit's text at a character position into two siblings of the same kind.

    For a unit the parser ran together with the next one. The second part follows the
    first and takes over its sub-units (they continue the text that ends the unit). It gets
    ``label`` or, when none is given, the first part's label marked "(2)" for the official
    to correct. Returns both parts. Audited.
    """
    version, provision = _locked_provision(provision, actor)
    first, second = provision.text[:offset].rstrip(), provision.text[offset:].strip()
    if offset <= 0 or offset >= len(provision.text) or not first or not second:
        raise InvalidCorrection(
            _("Choose a position inside the text, so that both parts keep some text."),
            extra={"fields": {"offset": [_("Choose a position inside the text.")]}},
        )
    new_label = (label.strip() or f"{provision.label} (2)")[:300]
    _shift_orders(version, from_order=provision.order + 1, by=1)
    sibling = Provision.objects.create(
        version=version,
        parent_id=provision.parent_id,
        parent_order=provision.parent_order,
        kind=provision.kind,
        label=new_label,
        anchor=_unique_anchor(anchor_for_label(new_label), _anchors_in(version)),
        number="",
        text=second,
        order=provision.order + 1,
        depth=provision.depth,
    )
    Provision.objects.filter(version=version, parent=provision).update(
        parent=sibling, parent_order=sibling.order
    )
    provision.text = first
    provision.save(update_fields=["text"])
    _forget_warnings(version, [provision.label])
    version.save(update_fields=["warnings", "updated_at"])
    audit_log(
        actor=actor,
        verb=ActVerb.PROVISION_SPLIT,
        target=version,
        data={
            "provision": provision.pk,
            "label": provision.label,
            "offset": offset,
            "new_provision": sibling.pk,
            "new_label": sibling.label,
        },
    )
    return provision, sibling


@transaction.atomic
def provision_merge(*, provision: Provision, actor: Any) -> Provision:
    """Merge a unit into its previous sibling: the texts are joined and its sub-units move
    under the sibling. For a unit the parser split off wrongly. Returns the sibling.
    Refused for the first unit at its level. Audited."""
    version, provision = _locked_provision(provision, actor)
    previous = (
        Provision.objects.filter(
            version=version, parent_id=provision.parent_id, order__lt=provision.order
        )
        .order_by("-order")
        .first()
    )
    if previous is None:
        raise InvalidCorrection(
            _("This is the first unit at its level, so there is nothing to merge it with.")
        )
    previous.text = " ".join(part for part in (previous.text, provision.text) if part.strip())
    previous.save(update_fields=["text"])
    # Sub-units already follow the sibling's own, so only their parent changes.
    Provision.objects.filter(version=version, parent=provision).update(
        parent=previous, parent_order=previous.order
    )
    merged_label, merged_pk, merged_order = provision.label, provision.pk, provision.order
    provision.delete()
    _shift_orders(version, from_order=merged_order + 1, by=-1)
    _forget_warnings(version, [merged_label, previous.label])
    version.save(update_fields=["warnings", "updated_at"])
    audit_log(
        actor=actor,
        verb=ActVerb.PROVISION_MERGED,
        target=version,
        data={
            "provision": merged_pk,
            "label": merged_label,
            "into": previous.pk,
            "into_label": previous.label,
        },
    )
    return previous


@transaction.atomic
def provision_delete(*, provision: Provision, actor: Any) -> int:
    """Remove a unit with its sub-units from a draft version (text the parser took for a
    provision, such as a signature line). Returns how many units went. Audited."""
    version, provision = _locked_provision(provision, actor)
    subtree_end = (
        Provision.objects.filter(
            version=version, order__gt=provision.order, depth__lte=provision.depth
        )
        .order_by("order")
        .values_list("order", flat=True)
        .first()
    )
    units = Provision.objects.filter(version=version, order__gte=provision.order)
    if subtree_end is not None:
        units = units.filter(order__lt=subtree_end)
    labels = list(units.values_list("label", flat=True))
    units.update(parent=None)
    units.delete()
    if subtree_end is not None:
        _shift_orders(version, from_order=subtree_end, by=-len(labels))
    _forget_warnings(version, labels)
    version.save(update_fields=["warnings", "updated_at"])
    audit_log(
        actor=actor,
        verb=ActVerb.PROVISION_DELETED,
        target=version,
        data={"provision": provision.pk, "label": provision.label, "units": len(labels)},
    )
    return len(labels)
