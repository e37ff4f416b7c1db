"""Files attached to a comment until the end, up to the consultation's limit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from accounts.viewer import as_viewer
from consultations import permissions
from consultations.events import ConsultationVerb
from consultations.exceptions import TooManyAttachments
from consultations.models import Comment, CommentAttachment, CommentStatus
from consultations.services import clock
from consultations.services.comment_checks import (
    before_end_by_database_clock,
    check_before_end,
    locked_comment,
    refused_by_database_clock,
    text_of,
)
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from core.transactions import service_atomic
from core.uploads import CheckedUpload, check_upload, save_checked_upload


@service_atomic
def comment_attachment_add(
    *, comment: Comment, actor: Any, uploaded_file: Any
) -> CommentAttachment:
    """Attach a file to a comment its authors may still change (until the end), up to the
    consultation's limit. The type is checked by content (PDF, DOCX, ODT, PNG, JPEG, plain
    text) and the size by ``UPLOAD_MAX_BYTES``. Audited."""
    comment = locked_comment(comment)
    viewer = as_viewer(actor)
    if not permissions.is_own_comment(viewer, comment):
        raise NotAllowed(_("Only the comment's authors can attach files to it."))
    if comment.status == CommentStatus.WITHDRAWN or comment.is_hidden:
        raise InvalidTransition(_("This comment can no longer change."))
    check_before_end(comment, submitted=text_of(comment), started=comment.is_submitted)
    if comment.is_submitted and not permissions.may_act_for_comment(viewer, comment):
        raise NotAllowed(
            _("Only a representative of the organisation can change a submitted comment.")
        )
    checked = checked_uploads(
        [uploaded_file],
        limit=comment.consultation.max_attachments,
        existing=comment.attachments.count(),
    )
    touch_before_end(comment)
    return store_attachment(comment, actor=actor, checked=checked[0])


def checked_uploads(
    uploaded_files: Sequence[Any], *, limit: int, existing: int = 0
) -> list[CheckedUpload]:
    """The files, checked by content and size, when with the ``existing`` ones they are no
    more than the consultation's ``limit``; nothing is stored yet."""
    if uploaded_files and existing + len(uploaded_files) > limit:
        raise TooManyAttachments(
            _("A comment can have at most %(limit)d attachments. Remove one first.")
            % {"limit": limit},
            extra={"limit": limit},
        )
    return [check_upload(uploaded_file) for uploaded_file in uploaded_files]


def touch_before_end(comment: Comment) -> None:
    """The same exact deadline as the text: a change lands only before the end, by the
    database clock."""
    touched = (
        Comment.objects.filter(pk=comment.pk)
        .filter(before_end_by_database_clock(started=comment.is_submitted))
        .update(updated_at=clock.database_now())
    )
    if not touched:
        raise refused_by_database_clock(comment, text_of(comment))


def store_attachment(comment: Comment, *, actor: Any, checked: CheckedUpload) -> CommentAttachment:
    attachment = save_checked_upload(CommentAttachment(comment=comment), checked)
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_ATTACHMENT_ADDED,
        target=comment,
        data={
            "attachment": attachment.pk,
            "name": attachment.name,
            "type": checked.content_type,
        },
    )
    return attachment
