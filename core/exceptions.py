"""Domain errors: one class per kind, each with a stable code and an HTTP status.

Services raise them; the DRF exception handler (core.api) and the page views render them.
Messages are translatable and tell the user what to do.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    status_code = 400
    default_code = "error"
    default_message = _("The request could not be completed.")

    def __init__(
        self,
        message: Any = None,
        *,
        code: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.code = code or self.default_code
        self.extra = extra or {}
        super().__init__(str(self.message))


class NotAllowed(ApplicationError):
    status_code = 403
    default_code = "not_allowed"
    default_message = _("You are not allowed to do this.")


class NotFound(ApplicationError):
    status_code = 404
    default_code = "not_found"
    default_message = _("Not found.")


class Conflict(ApplicationError):
    status_code = 409
    default_code = "conflict"
    default_message = _("The data changed in the meantime. Reload and try again.")


class InvalidTransition(Conflict):
    default_code = "invalid_transition"
    default_message = _("This action is not possible in the current state.")


class InvalidInput(ApplicationError):
    status_code = 400
    default_code = "invalid"
    default_message = _("The data sent is not valid.")


class FileTooLarge(InvalidInput):
    default_code = "file_too_large"
    default_message = _("The file is too large. Upload a smaller file or paste the text instead.")


class UnsupportedFileType(InvalidInput):
    default_code = "unsupported_file_type"
    default_message = _(
        "This type of file is not accepted. Attach a PDF, DOCX, ODT, PNG, JPEG or plain text file."
    )
