"""Errors of consultations, comments and answers."""

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, InvalidInput, InvalidTransition


class VersionNotPublished(InvalidInput):
    default_code = "version_not_published"
    default_message = _(
        "A consultation runs on a published version. Publish the version first, then "
        "create the consultation."
    )


class ConsultationClosed(Conflict):
    """After the end nothing is accepted. ``extra`` carries ``closed_at`` (ISO 8601) and
    what the user sent (``submitted``), so the API client can keep it."""

    default_code = "consultation_closed"
    default_message = _("The consultation has closed; comments are no longer accepted.")


class ConsultationNotOpen(InvalidTransition):
    default_code = "consultation_not_open"
    default_message = _(
        "The consultation is not open now. Comments can be submitted between its start and its end."
    )


class StaleEdit(Conflict):
    default_code = "stale_edit"
    default_message = _(
        "Someone changed this comment since you opened it. Compare your text with the "
        "current one (extra.current), then send your change again with its revision."
    )


class AnswerConflict(Conflict):
    default_code = "answer_conflict"
    default_message = _(
        "Another official has answered this comment in the meantime. Read their answer "
        "(extra.current) and send yours again with its revision if you still want to change it."
    )


class ReportIncomplete(Conflict):
    default_code = "report_incomplete"
    default_message = _(
        "Some comments have no answer yet. Answer every comment, then publish the report."
    )


class DurationTooShort(InvalidInput):
    default_code = "duration_too_short"
    default_message = _("The consultation is shorter than the minimum for this type of act.")


class TooManyAttachments(InvalidInput):
    default_code = "too_many_attachments"
    default_message = _("This comment has as many attachments as allowed. Remove one first.")


class CommentNotSubmitted(InvalidTransition):
    default_code = "comment_not_submitted"
    default_message = _(
        "A draft comment has no receipt. Submit the comment first; its receipt can be made then."
    )
