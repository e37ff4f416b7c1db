"""Amendments: any member proposes a replacement text for an item, with a reason; the
position's drafter or the chair accepts it (the item's text changes, history kept) or
rejects it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import NotAllowed
from core.services import audit_log
from opinions import permissions
from opinions.events import OpinionVerb
from opinions.exceptions import AmendmentDecided
from opinions.models import Amendment, AmendmentStatus, PositionItem
from opinions.services.common import clean_text, locked_item, now, require_draft, require_member
from opinions.services.items import set_item_text, stale_item_error


@transaction.atomic
def amendment_propose(*, item: PositionItem, actor: Any, text: str, reason: str = "") -> Amendment:
    """Propose a replacement for a draft item's text, based on its current revision.
    Members of the council. Audited."""
    position, item = locked_item(item)
    require_member(actor, position.term, moment=now())
    require_draft(position)
    text = clean_text(text, field="text", message=_("Write the text you propose."))
    if text == item.text:
        raise ValidationError({"text": _("The proposal is the same as the current text.")})
    amendment = Amendment.objects.create(
        item=item,
        proposed_by=actor,
        text=text,
        reason=(reason or "").strip(),
        base_revision=item.revision,
    )
    audit_log(
        actor=actor,
        verb=OpinionVerb.AMENDMENT_PROPOSED,
        target=amendment,
        data={"item": item.pk, "position": position.pk, "base_revision": item.revision},
    )
    return amendment


def _begin_decision(amendment: Amendment, actor: Any) -> tuple[Amendment, PositionItem]:
    position, item = locked_item(amendment.item)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    amendment.item = item
    if not permissions.can_decide_amendment(actor, amendment):
        raise NotAllowed(_("Only the position's drafter or the chair can decide on amendments."))
    require_draft(position)
    if amendment.status != AmendmentStatus.PROPOSED:
        raise AmendmentDecided()
    return amendment, item


@transaction.atomic
def amendment_accept(*, amendment: Amendment, actor: Any) -> Amendment:
    """Accept a proposed amendment: the item takes its text as a new revision.

    If the item changed after the amendment was proposed, StaleItem (409) shows the current
    text; the amendment stays proposed, to be rejected or proposed again. Audited.
    """
    amendment, item = _begin_decision(amendment, actor)
    if item.revision != amendment.base_revision:
        raise stale_item_error(
            item,
            message=_(
                "The item changed after this amendment was proposed. Its text is now: "
                "“%(text)s”. Reject the amendment, or propose it again on the current text."
            )
            % {"text": item.text},
        )
    amendment.status = AmendmentStatus.ACCEPTED
    amendment.decided_by = actor
    amendment.decided_at = timezone.now()
    amendment.save(update_fields=["status", "decided_by", "decided_at"])
    previous = item.text
    set_item_text(item, actor, amendment.text, amendment=amendment)
    audit_log(
        actor=actor,
        verb=OpinionVerb.AMENDMENT_ACCEPTED,
        target=amendment,
        data={"item": item.pk, "from": previous, "revision": item.revision},
    )
    return amendment


@transaction.atomic
def amendment_reject(*, amendment: Amendment, actor: Any) -> Amendment:
    """Reject a proposed amendment; the item stays as it is. Audited."""
    amendment, item = _begin_decision(amendment, actor)
    amendment.status = AmendmentStatus.REJECTED
    amendment.decided_by = actor
    amendment.decided_at = timezone.now()
    amendment.save(update_fields=["status", "decided_by", "decided_at"])
    audit_log(
        actor=actor, verb=OpinionVerb.AMENDMENT_REJECTED, target=amendment, data={"item": item.pk}
    )
    return amendment
