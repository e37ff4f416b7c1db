from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, InvalidInput, InvalidTransition, NotFound


class ActClosed(InvalidTransition):
    default_code = "act_closed"
    default_message = _(
        "This act has been adopted or withdrawn, so its text can no longer change. "
        "Create a new act for a new draft."
    )


class VersionPublished(Conflict):
    default_code = "version_published"
    default_message = _(
        "This version is published and can no longer be changed. "
        "Add a new version with the corrected text instead."
    )


class DraftVersionExists(Conflict):
    default_code = "draft_version_exists"
    default_message = _(
        "This act already has an unpublished version. "
        "Correct or publish that version before adding another."
    )


class EmptyText(InvalidInput):
    default_code = "empty_text"
    default_message = _("The text is empty. Paste the text of the act or upload a file with it.")


class UnreadableDocument(InvalidInput):
    default_code = "unreadable_document"
    default_message = _(
        "The file could not be read. Upload a .docx or .txt file, or paste the text instead."
    )


class FileTooLarge(InvalidInput):
    default_code = "file_too_large"
    default_message = _("The file is too large. Upload a smaller file or paste the text instead.")


class InvalidCorrection(InvalidInput):
    default_code = "invalid_correction"
    default_message = _("This correction is not possible. Check the unit and try again.")


class NothingToCompare(NotFound):
    default_code = "nothing_to_compare"
    default_message = _(
        "There is no earlier published version to compare with. "
        "Choose another version in “against”."
    )


# --- Consultations, comments and answers ------------------------------------------------


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


class UnsupportedFileType(InvalidInput):
    default_code = "unsupported_file_type"
    default_message = _(
        "This type of file is not accepted. Attach a PDF, DOCX, ODT, PNG, JPEG or plain text file."
    )


class TooManyAttachments(InvalidInput):
    default_code = "too_many_attachments"
    default_message = _("This comment has as many attachments as allowed. Remove one first.")
