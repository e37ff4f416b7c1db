"""Page-view helpers: a domain error raised by a service is shown on the page, never a 500.

Services raise ``ApplicationError`` (and Django's ``ValidationError`` for bad field values)
and roll their transaction back. Page views do not catch them one by one: a form page uses
``ServiceFormMixin`` (the error appears at the field it names, or in the form's error
summary) and a button that changes state uses ``ServiceActionView`` (the error becomes a
message on the page the user returns to).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views import View

from core.exceptions import ApplicationError

SERVICE_ERRORS = (ApplicationError, ValidationError)


def error_messages(error: ApplicationError | ValidationError) -> list[str]:
    """The user-facing sentences of a service error."""
    if isinstance(error, ApplicationError):
        return [str(error.message)]
    return [str(message) for message in error.messages]


def form_add_service_error(form: forms.BaseForm, error: ApplicationError | ValidationError) -> None:
    """Put a service error on the form: at each field it names that the form has, otherwise
    at the top of the form (non-field errors)."""
    if isinstance(error, ValidationError):
        by_field: dict[str, list[Any]] = (
            dict(error.error_dict.items()) if hasattr(error, "error_dict") else {}
        )
        if not by_field:
            form.add_error(None, error)
            return
    else:
        by_field = dict(error.extra.get("fields") or {})
        if not by_field:
            form.add_error(None, str(error.message))
            return
    for field, field_errors in by_field.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, list(field_errors))


class ServiceFormMixin:
    """For a FormView whose valid form is handed to one service call in ``perform(form)``.

    ``perform`` returns the response (usually a redirect). When the service refuses, the
    form is shown again with the error, and nothing was stored (services are atomic).
    """

    def perform(self, form: Any) -> HttpResponse:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return self.perform(form)
        except SERVICE_ERRORS as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)  # type: ignore[attr-defined]


class ServiceActionView(View):
    """A button that changes state: POST only, one service call in ``perform()``.

    On success the user goes to ``get_success_url()`` with ``success_message``; when the
    service refuses, to ``get_error_url()`` (by default the same place) with the error.
    """

    http_method_names = ["post"]
    success_message: Any = ""

    def perform(self) -> HttpResponse | None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def get_error_url(self) -> str:
        return self.get_success_url()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = self.perform()
        except SERVICE_ERRORS as error:
            for message in error_messages(error):
                messages.error(request, message)
            return HttpResponseRedirect(self.get_error_url())
        if response is not None:
            return response
        if self.success_message:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())
