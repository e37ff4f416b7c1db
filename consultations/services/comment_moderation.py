"""Moderation by the officials running the consultation: hiding a comment with a reason
and showing it again."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consultations import notifications, permissions
from consultations.events import ConsultationVerb
from consultations.models import Comment, CommentStatus
from consultations.services import clock
from consultations.services.comment_checks import locked_comment
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log


@transaction.atomic
def comment_hide(*, comment: Comment, actor: Any, reason: str) -> Comment:
    """Hide a submitted comment (personal data, abuse) with a stated reason. It stays in the
    record and in the report; the public sees that it was hidden and why, its authors and
    the officials still read it. Audited with the reason."""
    comment = locked_comment(comment)
    if not permissions.can_manage_consultation(actor, comment.consultation):
        raise NotAllowed(_("Only officials running the consultation can hide comments."))
    if comment.status != CommentStatus.SUBMITTED:
        raise InvalidTransition(_("Only a submitted comment can be hidden."))
    if comment.is_hidden:
        raise InvalidTransition(_("This comment is already hidden."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the comment is hidden, e.g. it contains personal data.")}
        )
    comment.hidden_at = clock.now()
    comment.hidden_reason = reason
    comment.hidden_by = actor
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    audit_log(
        actor=actor, verb=ConsultationVerb.COMMENT_HIDDEN, target=comment, data={"reason": reason}
    )
    notifications.notify_hidden(comment)
    return comment


@transaction.atomic
def comment_unhide(*, comment: Comment, actor: Any) -> Comment:
    """Show a hidden comment again. The audit log keeps why it was hidden."""
    comment = locked_comment(comment)
    if not permissions.can_manage_consultation(actor, comment.consultation):
        raise NotAllowed(_("Only officials running the consultation can show hidden comments."))
    if not comment.is_hidden:
        raise InvalidTransition(_("This comment is not hidden."))
    previous_reason = comment.hidden_reason
    comment.hidden_at = None
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_UNHIDDEN,
        target=comment,
        data={"previous_reason": previous_reason},
    )
    notifications.notify_unhidden(comment, previous_reason=previous_reason)
    return comment
