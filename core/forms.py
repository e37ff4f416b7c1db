"""Form helpers every app's pages use."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def form_errors_as_validation_error(form: forms.Form) -> ValidationError:
    """One sentence per error, naming its field: for forms whose errors become messages."""
    sentences = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for error in errors:
            sentences.append(f"{field.label}: {error}" if field is not None else str(error))
    return ValidationError(sentences)
