"""Form helpers every app's pages use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def form_errors_as_validation_error(form: forms.Form) -> ValidationError:
    """One sentence per error, naming its field: for forms whose errors become messages."""
    sentences = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for error in errors:
            sentences.append(f"{field.label}: {error}" if field is not None else str(error))
    return ValidationError(sentences)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type="file" multiple>``; each checked for size."""

    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(MultipleFileField, self).clean(file, initial) for file in files]
        for file in cleaned:
            if file and file.size > settings.UPLOAD_MAX_BYTES:
                raise ValidationError(
                    _("The file %(name)s is larger than %(limit)s. Attach a smaller file.")
                    % {"name": file.name, "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
                    code="file_too_large",
                )
        return [file for file in cleaned if file]
