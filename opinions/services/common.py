"""What the council's services share: locking, the checks every change starts with, and
the time they decide by."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import local_day
from opinions import permissions
from opinions.exceptions import NotCouncilMember, PositionNotEditable, TermNotCurrent
from opinions.models import Position, PositionItem, PositionStatus, Term, TermMember


def now() -> dt.datetime:
    return timezone.now()


def locked_position(position: Position) -> Position:
    """The position's row, locked; every change to a position or its items takes this
    lock first, so edits, votes and adoption never interleave."""
    return (
        Position.objects.select_for_update(of=("self",))
        .select_related(
            "council", "term__council", "consultation", "request", "subject_organisation"
        )
        .get(pk=position.pk)
    )


def locked_item(item: PositionItem) -> tuple[Position, PositionItem]:
    position = locked_position(item.position)
    item = PositionItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    item.position = position
    return position, item


def require_current_term(term: Term, *, moment: dt.datetime) -> None:
    if not term.is_current_on(local_day(moment)):
        raise TermNotCurrent()


def require_member(actor: Any, term: Term, *, moment: dt.datetime) -> TermMember:
    """The actor's seat in the term; refuses anyone else (403)."""
    seat = permissions.council_seat(actor, term, now=moment)
    if seat is None:
        raise NotCouncilMember()
    return seat


def require_draft(position: Position) -> None:
    if position.status != PositionStatus.DRAFT:
        raise PositionNotEditable(
            _(
                "This position is %(status)s, so it can no longer be changed. Only drafts can "
                "be edited or amended."
            )
            % {"status": PositionStatus(position.status).label},
            extra={"status": position.status},
        )


def begin_edit(position: Position, actor: Any) -> Position:
    """Lock the position and check that the actor, a member, may still change it."""
    position = locked_position(position)
    moment = now()
    require_member(actor, position.term, moment=moment)
    require_draft(position)
    return position


def clean_text(value: str | None, *, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text
