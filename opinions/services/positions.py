"""Drafting positions: the position itself (its subject, justification and organisation
concerned) and its withdrawal. Its items, their order, text, history and notes are in
``items``.

Every change locks the position's row first. Text changes carry the revision the user
started from; a stale one is refused (409) with the current text, never overwritten.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation
from consultations.models import Consultation, ConsultationStatus
from core.exceptions import Conflict, NotAllowed
from core.services import audit_log
from opinions import notifications, permissions
from opinions.events import OpinionVerb
from opinions.exceptions import StalePosition
from opinions.models import (
    KINDS_REQUIRING_SUBJECT_ORGANISATION,
    Position,
    PositionKind,
    PositionStatus,
    Term,
)
from opinions.services.common import (
    begin_edit,
    clean_text,
    locked_position,
    now,
    require_current_term,
    require_draft,
    require_member,
)

POSITION_FIELDS = ("subject", "justification", "subject_organisation")


# --- Positions --------------------------------------------------------------------------


def _check_kind(
    kind: str, consultation: Consultation | None, subject_organisation: Organisation | None
) -> None:
    if kind not in PositionKind.values:
        raise ValidationError({"kind": _("Choose one of the kinds listed.")})
    if kind == PositionKind.CONSULTATION_OPINION:
        if consultation is None:
            raise ValidationError(
                {"consultation": _("Choose the consultation this opinion is about.")}
            )
        if consultation.status == ConsultationStatus.DRAFT:
            raise ValidationError(
                {"consultation": _("This consultation has not been published yet.")}
            )
    elif consultation is not None:
        raise ValidationError(
            {"consultation": _("Only an opinion on a consultation is tied to a consultation.")}
        )
    if kind in KINDS_REQUIRING_SUBJECT_ORGANISATION and subject_organisation is None:
        raise ValidationError(
            {"subject_organisation": _("Choose the organisation this position concerns.")}
        )


def create_position_row(
    *,
    term: Term,
    kind: str,
    subject: str,
    drafter: Any,
    consultation: Consultation | None = None,
    subject_organisation: Organisation | None = None,
    justification: str = "",
    request: Any = None,
) -> Position:
    """The row of a new draft, checked; callers check who may and write the audit."""
    _check_kind(kind, consultation, subject_organisation)
    position = Position(
        council_id=term.council_id,
        term=term,
        kind=kind,
        subject=clean_text(
            subject, field="subject", message=_("Write what the position is about.")
        ),
        justification=(justification or "").strip(),
        consultation=consultation,
        subject_organisation=subject_organisation,
        request=request,
        drafter=drafter,
        status=PositionStatus.DRAFT,
    )
    position.full_clean(exclude=["council", "term", "drafter", "request"])
    position.save()
    return position


@transaction.atomic
def position_create(
    *,
    term: Term,
    actor: Any,
    kind: str,
    subject: str,
    consultation: Consultation | None = None,
    subject_organisation: Organisation | None = None,
    justification: str = "",
) -> Position:
    """Start a draft position in the current term; the actor, a member, is its drafter.

    An opinion on a consultation needs that (published) consultation; an opinion on an
    offer and a recommendation need the organisation concerned. Audited.
    """
    moment = now()
    require_current_term(term, moment=moment)
    require_member(actor, term, moment=moment)
    position = create_position_row(
        term=term,
        kind=kind,
        subject=subject,
        drafter=actor,
        consultation=consultation,
        subject_organisation=subject_organisation,
        justification=justification,
    )
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_CREATED,
        target=position,
        data={
            "kind": kind,
            "consultation": getattr(consultation, "pk", None),
            "subject_organisation": getattr(subject_organisation, "pk", None),
        },
    )
    notifications.notify_position_drafted(position, actor=actor)
    return position


def _position_state(position: Position) -> dict[str, Any]:
    return {
        "subject": position.subject,
        "justification": position.justification,
        "subject_organisation": position.subject_organisation_id,
        "revision": position.revision,
    }


@transaction.atomic
def position_update(
    *, position: Position, actor: Any, expected_revision: int, **fields: Any
) -> Position:
    """Change the subject, justification or organisation concerned of a draft.

    ``expected_revision`` is the revision the user edited; if the position changed since,
    StalePosition (409) carries the current values. Audited with the changes.
    """
    for field in fields:
        if field not in POSITION_FIELDS:
            raise TypeError(f"Unknown position field: {field}")
    position = begin_edit(position, actor)
    if position.revision != expected_revision:
        raise StalePosition(
            _(
                "Someone changed this position in the meantime. Its subject is now: "
                "“%(subject)s”. Reload it and make your change again."
            )
            % {"subject": position.subject},
            current=_position_state(position),
        )
    changed: dict[str, Any] = {}
    for field, value in fields.items():
        if field == "subject":
            value = clean_text(
                value, field="subject", message=_("Write what the position is about.")
            )
        elif field == "justification":
            value = (value or "").strip()
        previous = getattr(position, field)
        if previous != value:
            changed[field] = {
                "from": getattr(previous, "pk", previous),
                "to": getattr(value, "pk", value),
            }
            setattr(position, field, value)
    if not changed:
        return position
    _check_kind(position.kind, position.consultation, position.subject_organisation)
    position.revision += 1
    position.save()
    audit_log(actor=actor, verb=OpinionVerb.POSITION_UPDATED, target=position, data=changed)
    return position


@transaction.atomic
def position_delete(*, position: Position, actor: Any) -> None:
    """Delete a draft outright, with its items, their history, sources, notes and
    amendments (``permissions.can_delete_position``: its drafter or an officer). Adopted,
    rejected, withdrawn and voted positions stay in the record (PositionNotEditable); a
    draft an organisation asked for is withdrawn instead, so its request keeps its answer
    (Conflict). Audited with its subject."""
    position = locked_position(position)
    if not permissions.can_withdraw_position(actor, position):
        raise NotAllowed(_("Only the drafter, the chair or the secretary can delete a draft."))
    require_draft(position)
    if position.request_id is not None:
        raise Conflict(
            _(
                "This draft answers an organisation's request, so it stays in the record: "
                "withdraw it instead."
            )
        )
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_DELETED,
        target=position,
        data={
            "subject": position.subject,
            "term": position.term_id,
            "items": position.items.count(),
        },
    )
    position.delete()


@transaction.atomic
def position_withdraw(*, position: Position, actor: Any, reason: str = "") -> Position:
    """Drop a draft (its drafter or an officer). It stays in the record. Audited."""
    position = locked_position(position)
    if not permissions.can_withdraw_position(actor, position):
        raise NotAllowed(_("Only the drafter, the chair or the secretary can withdraw a draft."))
    require_draft(position)
    position.status = PositionStatus.WITHDRAWN
    position.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_WITHDRAWN,
        target=position,
        data={"reason": reason.strip()},
    )
    return position
