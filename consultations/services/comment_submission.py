"""Submitting a draft (the receipt number, by the database's clock) and withdrawing a
submitted comment before the end."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts import permissions as account_permissions
from consultations import notifications, permissions
from consultations.events import ConsultationVerb
from consultations.models import Comment, CommentStatus
from consultations.services import clock
from consultations.services.comment_checks import (
    before_end_by_database_clock,
    check_before_end,
    check_content,
    locked_comment,
    record_version,
    refused_by_database_clock,
    text_of,
    tracking_numbers,
)
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from core.transactions import delete_file_on_commit


@transaction.atomic
def comment_submit(*, comment: Comment, actor: Any) -> Comment:
    """Submit a draft while the consultation is open: by a representative of its
    organisation, or by the resident who wrote it.

    The comment gets its receipt: a tracking number (the authority's code, the year and
    eight random characters) and ``submitted_at``, to the second, by the database clock,
    never after the end. After the end ConsultationClosed carries the text. The submitter's
    e-mail address must be confirmed (``EmailNotVerified``). Audited.
    """
    comment = locked_comment(comment)
    submitted = text_of(comment)
    if comment.status == CommentStatus.SUBMITTED:
        raise InvalidTransition(
            _("This comment was already submitted (tracking number %(number)s).")
            % {"number": comment.tracking_number},
            extra={
                "tracking_number": comment.tracking_number,
                "submitted_at": comment.submitted_at.isoformat() if comment.submitted_at else None,
            },
        )
    if comment.status != CommentStatus.DRAFT:
        raise InvalidTransition(_("This comment was withdrawn; write a new one instead."))
    if not permissions.may_act_for_comment(actor, comment):
        raise NotAllowed(
            _(
                "Only a representative of the organisation can submit its comments. Your "
                "draft is saved; ask a representative to submit it."
            )
        )
    account_permissions.require_verified_email(actor)
    check_before_end(comment, submitted=submitted, started=True)
    check_content(comment)

    consultation = comment.consultation
    database_now = clock.database_now()
    # Loaded with the locked comment: the receipt keeps the name the organisation has now.
    organisation_name = comment.organisation.name if comment.organisation is not None else ""
    for tracking_number in tracking_numbers(consultation):
        try:
            with transaction.atomic():
                updated = (
                    Comment.objects.filter(pk=comment.pk, status=CommentStatus.DRAFT)
                    .filter(before_end_by_database_clock(started=True))
                    .update(
                        status=CommentStatus.SUBMITTED,
                        submitted_by=actor,
                        submitted_at=database_now,
                        tracking_number=tracking_number,
                        organisation_name=organisation_name,
                        version=1,
                        revision=F("revision") + 1,
                        updated_at=database_now,
                    )
                )
            break
        except IntegrityError:
            continue  # two receipts with one number: draw again
    else:
        raise IntegrityError("No unused tracking number after several attempts.")
    if not updated:
        raise refused_by_database_clock(comment, submitted)
    comment.refresh_from_db(
        fields=[
            "status",
            "submitted_by",
            "submitted_at",
            "tracking_number",
            "organisation_name",
            "version",
            "revision",
            "updated_at",
        ]
    )
    record_version(comment, actor=actor, at=comment.submitted_at)
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_SUBMITTED,
        target=comment,
        data={
            "consultation": consultation.pk,
            "tracking_number": comment.tracking_number,
            "submitted_at": comment.submitted_at,
        },
    )
    notifications.notify_submitted(comment)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, actor: Any) -> None:
    """Delete a draft (``permissions.can_delete_comment``: the member who wrote it, or a
    representative of its organisation), with its attachments; their files go once the
    transaction commits. A submitted comment is withdrawn instead (InvalidTransition).
    Audited without its text (a draft's text stays with its authors)."""
    comment = locked_comment(comment)
    if comment.status != CommentStatus.DRAFT:
        raise InvalidTransition(
            _(
                "Only a draft can be deleted. A submitted comment stays in the record: "
                "withdraw it instead, before the consultation ends."
            )
        )
    if not permissions.can_delete_comment(actor, comment):
        raise NotAllowed(
            _("Only the author of the draft or a representative of its organisation can delete it.")
        )
    attachments = list(comment.attachments.all())
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_DELETED,
        target=comment,
        data={
            "consultation": comment.consultation_id,
            "organisation": comment.organisation_id,
            "provision": comment.provision_id,
            "attachments": len(attachments),
        },
    )
    comment.delete()
    for attachment in attachments:
        delete_file_on_commit(attachment.file)


@transaction.atomic
def comment_withdraw(*, comment: Comment, actor: Any) -> Comment:
    """Withdraw a submitted comment before the end (those who may submit it). It stays in
    the record with its tracking number, out of the consultation. Audited."""
    comment = locked_comment(comment)
    if comment.status != CommentStatus.SUBMITTED:
        raise InvalidTransition(_("Only a submitted comment can be withdrawn."))
    if not permissions.may_act_for_comment(actor, comment):
        raise NotAllowed(_("Only a representative of the organisation can withdraw its comments."))
    check_before_end(comment, submitted=text_of(comment), started=True)
    database_now = clock.database_now()
    updated = (
        Comment.objects.filter(pk=comment.pk, status=CommentStatus.SUBMITTED)
        .filter(before_end_by_database_clock(started=True))
        .update(
            status=CommentStatus.WITHDRAWN,
            withdrawn_at=database_now,
            revision=F("revision") + 1,
            updated_at=database_now,
        )
    )
    if not updated:
        raise refused_by_database_clock(comment, text_of(comment))
    comment.refresh_from_db(fields=["status", "withdrawn_at", "revision", "updated_at"])
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_WITHDRAWN,
        target=comment,
        data={"tracking_number": comment.tracking_number},
    )
    return comment
