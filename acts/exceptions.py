"""Errors of legal acts, their versions and provisions."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from acts.parsing.readers import upload_formats
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
    default_message = format_lazy(
        _("The file could not be read. Upload a file ({formats}) or paste the text instead."),
        formats=upload_formats(),
    )


class InvalidCorrection(InvalidInput):
    default_code = "invalid_correction"
    default_message = _("This correction is not possible. Check the unit and try again.")


class NothingToCompare(NotFound):
    default_code = "nothing_to_compare"
    default_message = _(
        "There is no earlier published version to compare with. "
        "Choose another version in “against”."
    )
