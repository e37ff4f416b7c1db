"""Changes to legal acts themselves: registration, metadata, withdrawal, adoption."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Department
from acts import permissions
from acts.events import ActVerb
from acts.exceptions import (
    ActClosed,
)
from acts.models import (
    ActStatus,
    ActType,
    LegalAct,
    Topic,
)
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log

ACT_FIELDS = (
    "title",
    "subject",
    "act_type",
    "issuing_authority",
    "legal_basis",
    "department",
    "number",
    "amends",
)


def _clean_act(act: LegalAct) -> None:
    act.title = act.title.strip()
    act.subject = act.subject.strip()
    act.issuing_authority = act.issuing_authority.strip()
    act.legal_basis = act.legal_basis.strip()
    act.number = act.number.strip()
    if act.pk is not None and act.amends_id == act.pk:
        raise ValidationError({"amends": _("An act cannot amend itself.")}, code="amends_itself")
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
    number: str = "",
    amends: LegalAct | None = None,
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
        number=number,
        amends=amends,
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


def locked_act(act: LegalAct) -> LegalAct:
    return LegalAct.objects.select_for_update().get(pk=act.pk)


@transaction.atomic
def act_update(
    *, act: LegalAct, actor: Any, topics: Iterable[Topic] | None = None, **data: Any
) -> LegalAct:
    """Change an act's metadata. Moving it to another department needs the right to create
    acts there too. Adopted and withdrawn acts stay as they were."""
    if not permissions.can_edit_act(actor, act):
        raise NotAllowed()
    act = locked_act(act)
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
    act = locked_act(act)
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
