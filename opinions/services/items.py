"""Drafting a position's items: written, or pulled from NGO comments with their
provenance; their order, their text with its history, and notes.

Every change locks the position's row first (``common.locked_item``). Text changes carry
the revision the user started from; a stale one is refused (409) with the current text,
never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Case, F, Max, Value, When
from django.utils.translation import gettext as _

from acts.models import Provision
from consultations.models import Comment, CommentStatus
from consultations.selectors.council import comments_by_ids
from core.exceptions import InvalidInput
from core.services import audit_log
from opinions.events import OpinionVerb
from opinions.exceptions import PositionNotEditable, StaleItem, WrongConsultation
from opinions.models import (
    ItemNote,
    Position,
    PositionItem,
    PositionItemRevision,
    PositionItemSource,
    PositionStatus,
)
from opinions.presenters import comment_text
from opinions.services.common import (
    begin_edit,
    clean_text,
    locked_item,
    locked_position,
    now,
    require_draft,
    require_member,
)

# Orders are rewritten in two steps (out of the way, then into place) so the unique
# (position, order) constraint holds after every row, as PostgreSQL checks it.
_ORDER_OFFSET = 1_000_000


# --- Items ------------------------------------------------------------------------------


def _check_provision(position: Position, provision: Provision | None) -> None:
    if provision is None:
        return
    consultation = position.consultation
    if consultation is None or provision.version_id != consultation.version_id:
        raise WrongConsultation(
            _("Choose a provision of the act version under this position's consultation."),
            extra={"fields": {"provision": [_("Not a provision of the consulted act.")]}},
        )


def _next_order(position: Position) -> int:
    last = PositionItem.objects.filter(position=position).aggregate(last=Max("order"))["last"]
    return (last or 0) + 1


def _create_item(
    position: Position,
    actor: Any,
    *,
    text: str,
    provision: Provision | None,
    order: int,
    comments: Sequence[Comment] = (),
) -> PositionItem:
    item = PositionItem.objects.create(
        position=position, order=order, text=text, provision=provision, created_by=actor
    )
    PositionItemRevision.objects.create(item=item, revision=1, text=text, changed_by=actor)
    if comments:
        PositionItemSource.objects.bulk_create(
            [
                PositionItemSource(item=item, comment=comment, comment_version=comment.version)
                for comment in comments
            ]
        )
    return item


@transaction.atomic
def item_add(
    *, position: Position, actor: Any, text: str, provision: Provision | None = None
) -> PositionItem:
    """Write a new item at the end of a draft, optionally about one provision of the
    consulted act. Audited."""
    position = begin_edit(position, actor)
    text = clean_text(text, field="text", message=_("Write the text of the item."))
    _check_provision(position, provision)
    item = _create_item(
        position, actor, text=text, provision=provision, order=_next_order(position)
    )
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_ITEM_ADDED,
        target=item,
        data={"position": position.pk, "provision": getattr(provision, "pk", None)},
    )
    return item


def _checked_comments(position: Position, comments: Iterable[Comment]) -> list[Comment]:
    unique = list({comment.pk: comment for comment in comments}.values())
    if not unique:
        raise InvalidInput(
            _("Pick at least one comment."),
            extra={"fields": {"comments": [_("Pick at least one comment.")]}},
        )
    if position.consultation_id is None:
        raise WrongConsultation(
            _("Only an opinion on a consultation takes in the consultation's comments.")
        )
    # Read again: the caller's objects may be stale, and the rules are about their state.
    current = {
        comment.pk: comment for comment in comments_by_ids(ids=[comment.pk for comment in unique])
    }
    checked = []
    for original in unique:
        comment = current.get(original.pk)
        if (
            comment is None
            or comment.consultation_id != position.consultation_id
            or comment.status != CommentStatus.SUBMITTED
            or comment.hidden_at is not None
            or comment.council_submission_id is not None
        ):
            raise WrongConsultation(
                _(
                    "Pick submitted comments of this position's consultation (comment %(id)s "
                    "is not one)."
                )
                % {"id": original.pk},
                extra={"fields": {"comments": [_("Not a comment of the consultation.")]}},
            )
        checked.append(comment)
    return checked


@transaction.atomic
def items_from_comments(
    *, position: Position, actor: Any, comments: Iterable[Comment], merge: bool = False
) -> list[PositionItem]:
    """Turn NGO comments of the position's consultation into items at its end: one item
    per comment (with the comment's provision), or with ``merge`` one item joining them
    (with their provision if they share one). Each item keeps the comments it grew from.
    Audited."""
    position = begin_edit(position, actor)
    checked = _checked_comments(position, comments)
    order = _next_order(position)
    if merge:
        provisions = {comment.provision_id for comment in checked}
        provision = checked[0].provision if len(provisions) == 1 else None
        text = "\n\n".join(filter(None, (comment_text(comment) for comment in checked)))
        items = [
            _create_item(
                position,
                actor,
                text=text or _("(no text)"),
                provision=provision,
                order=order,
                comments=checked,
            )
        ]
    else:
        items = [
            _create_item(
                position,
                actor,
                text=comment_text(comment) or _("(no text)"),
                provision=comment.provision,
                order=order + index,
                comments=[comment],
            )
            for index, comment in enumerate(checked)
        ]
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_ITEM_PULLED_FROM_COMMENTS,
        target=position,
        data={
            "comments": [comment.pk for comment in checked],
            "items": [item.pk for item in items],
            "merged": merge,
        },
    )
    return items


def stale_item_error(item: PositionItem, *, message: str | None = None) -> StaleItem:
    """A refused edit: the item's current text, shown to the user to redo the change."""
    return StaleItem(
        message
        or _(
            "Someone changed this item in the meantime. Its text is now: “%(text)s”. Make your "
            "change again on this text."
        )
        % {"text": item.text},
        current_text=item.text,
        current_revision=item.revision,
    )


def set_item_text(
    item: PositionItem, actor: Any, text: str, *, amendment: Any = None
) -> PositionItem:
    """Store a new text as the item's next revision, history kept. The caller holds the
    locks and has checked the revision."""
    item.text = text
    item.revision += 1
    item.save(update_fields=["text", "revision", "updated_at"])
    PositionItemRevision.objects.create(
        item=item, revision=item.revision, text=text, changed_by=actor, amendment=amendment
    )
    return item


@transaction.atomic
def item_update(
    *, item: PositionItem, actor: Any, expected_revision: int, text: str
) -> PositionItem:
    """Change an item's text. ``expected_revision`` is the revision the user edited; if the
    item changed since, StaleItem (409) shows the current text. History kept. Audited."""
    position, item = locked_item(item)
    require_member(actor, position.term, moment=now())
    require_draft(position)
    text = clean_text(text, field="text", message=_("Write the text of the item."))
    if item.revision != expected_revision:
        raise stale_item_error(item)
    if text == item.text:
        return item
    previous = item.text
    set_item_text(item, actor, text)
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_ITEM_UPDATED,
        target=item,
        data={"position": position.pk, "from": previous, "revision": item.revision},
    )
    return item


def _write_order(position: Position, item_ids: Sequence[int]) -> None:
    PositionItem.objects.filter(position=position).update(order=F("order") + _ORDER_OFFSET)
    if item_ids:
        PositionItem.objects.filter(pk__in=item_ids).update(
            order=Case(
                *(When(pk=pk, then=Value(index)) for index, pk in enumerate(item_ids, start=1))
            )
        )


def _ordered_item_ids(position: Position) -> list[int]:
    return list(
        PositionItem.objects.filter(position=position)
        .order_by("order")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def item_delete(*, item: PositionItem, actor: Any) -> None:
    """Remove an item from a draft, with its history, notes and amendments; the items
    after it move up. Audited with its text."""
    position, item = locked_item(item)
    require_member(actor, position.term, moment=now())
    require_draft(position)
    data = {"position": position.pk, "order": item.order, "text": item.text}
    audit_log(actor=actor, verb=OpinionVerb.POSITION_ITEM_DELETED, target=item, data=data)
    item.delete()
    _write_order(position, _ordered_item_ids(position))


@transaction.atomic
def item_move(*, item: PositionItem, actor: Any, order: int) -> PositionItem:
    """Move an item to number ``order`` (1 is the first; beyond the end means last).
    Audited."""
    position, item = locked_item(item)
    require_member(actor, position.term, moment=now())
    require_draft(position)
    item_ids = _ordered_item_ids(position)
    target = min(max(int(order), 1), len(item_ids))
    if target == item.order:
        return item
    previous = item.order
    item_ids.remove(item.pk)
    item_ids.insert(target - 1, item.pk)
    _write_order(position, item_ids)
    item.refresh_from_db(fields=["order"])
    audit_log(
        actor=actor,
        verb=OpinionVerb.POSITION_ITEM_MOVED,
        target=item,
        data={"position": position.pk, "from": previous, "to": item.order},
    )
    return item


@transaction.atomic
def note_add(*, item: PositionItem, actor: Any, text: str) -> ItemNote:
    """A note in the margin of an item, while the position is drafted or voted on."""
    position = locked_position(item.position)
    require_member(actor, position.term, moment=now())
    if position.status not in (PositionStatus.DRAFT, PositionStatus.VOTING):
        raise PositionNotEditable(
            _("This position has been decided, so its items take no more notes.")
        )
    note = ItemNote.objects.create(
        item=item,
        author=actor,
        text=clean_text(text, field="text", message=_("Write the note.")),
    )
    audit_log(actor=actor, verb=OpinionVerb.ITEM_NOTE_ADDED, target=note, data={"item": item.pk})
    return note
