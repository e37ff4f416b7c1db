"""Corrections to the provisions of a draft version: relabel, split, merge, delete."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from acts.events import ActVerb
from acts.exceptions import (
    InvalidCorrection,
)
from acts.models import (
    ActVersion,
    Provision,
    ProvisionKind,
)
from acts.parsing.labels import anchor_for_label
from acts.services.versions import locked_draft, unique_anchor
from core.services import audit_log

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
    version = locked_draft(provision.version, actor)
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
        provision.anchor = unique_anchor(
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
        anchor=unique_anchor(anchor_for_label(new_label), _anchors_in(version)),
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
