"""Shared REST API plumbing: the one exception handler, the error shape and throttling.

Every error the API returns is ``{"message", "code", "extra"}``: ``message`` is translated
and tells the user what to do, ``code`` is stable for programs, ``extra`` carries details
(``fields`` for invalid input, ``wait`` for throttling).
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core.exceptions import ApplicationError
from core.parsers import JSONParser, RequestTooLarge
from core.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

__all__ = [
    "AnonRateThrottle",
    "ErrorSerializer",
    "JSONParser",
    "ScopedRateThrottle",
    "UserRateThrottle",
    "error_body",
    "error_responses",
    "exception_handler",
]

NON_FIELD_ERRORS_KEY = api_settings.NON_FIELD_ERRORS_KEY


# --- The error shape --------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer[Any]):
    """Documents the body of every error response."""

    message = serializers.CharField(help_text=gettext_lazy("What went wrong and what to do."))
    code = serializers.CharField(help_text=gettext_lazy("A stable code for programs."))
    extra = serializers.DictField(
        help_text=gettext_lazy(
            "Details: 'fields' maps each invalid field to its messages; 'wait' is the number "
            "of seconds to wait before trying again."
        )
    )


_ERROR_DESCRIPTIONS = {
    400: gettext_lazy("The data sent is not valid; extra.fields says which fields and why."),
    401: gettext_lazy("Not logged in: log in or send an API token."),
    403: gettext_lazy("Logged in, but not allowed to do this."),
    404: gettext_lazy("Not found, or not visible to you."),
    409: gettext_lazy("Not possible in the current state of the object."),
    413: gettext_lazy("The request body is larger than the server accepts."),
    429: gettext_lazy("Too many requests; extra.wait says how many seconds to wait."),
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """The documented error responses of an endpoint, all in the shared error shape."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=str(_ERROR_DESCRIPTIONS[status]))
        for status in statuses
    }


# --- The exception handler --------------------------------------------------------------


def error_body(message: Any, code: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The body of every error the API answers."""
    return {"message": str(message), "code": code, "extra": extra or {}}


_error = error_body


def _invalid_input(fields: Any) -> dict[str, Any]:
    return _error(
        _("The data sent is not valid. Correct the fields listed and send it again."),
        "invalid",
        {"fields": fields},
    )


def _django_validation_fields(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            (NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): [str(m) for m in msgs]
            for field, msgs in error.message_dict.items()
        }
    return {NON_FIELD_ERRORS_KEY: [str(m) for m in error.messages]}


def _duration(seconds: int) -> str:
    if seconds >= 120:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}


def _throttled_message(wait: int | None) -> str:
    if not wait:
        return _("Too many attempts. Wait a moment and try again.")
    return _("Too many attempts. Wait %(duration)s and try again.") % {"duration": _duration(wait)}


def _authenticate_header(request: Request | None) -> str | None:
    """The first authentication scheme the client could use, for WWW-Authenticate.

    DRF asks only the first authentication class; session authentication has no header
    to offer, so DRF would answer 403 to a client that merely has not logged in yet.
    """
    for authenticator in getattr(request, "authenticators", None) or ():
        header = authenticator.authenticate_header(request)
        if header:
            return str(header)
    return None


# Default DRF messages replaced by ones that say what to do; a message given explicitly
# (a permission class's ``message``, say) is kept.
_FRIENDLIER_MESSAGES: dict[type[drf_exceptions.APIException], Any] = {
    drf_exceptions.NotAuthenticated: gettext_lazy(
        "Log in, or send your API token in the Authorization header, to do this."
    ),
    drf_exceptions.PermissionDenied: gettext_lazy("You are not allowed to do this."),
    drf_exceptions.NotFound: gettext_lazy(
        "Not found. Check the address; if the item is not public, log in first."
    ),
}


def _api_exception_message(exc: drf_exceptions.APIException) -> str:
    friendlier = _FRIENDLIER_MESSAGES.get(type(exc))
    if friendlier is not None and str(exc.detail) == str(type(exc).default_detail):
        return str(friendlier)
    return str(exc.detail)


# The largest primary key the database stores (a signed 64-bit integer).
_LARGEST_ID = 2**63 - 1


def _out_of_range(context: dict[str, Any]) -> drf_exceptions.APIException:
    """An OverflowError: a number too large for the database (an id in the path: nothing
    has it, 404) or a value that cannot be converted (400)."""
    for value in (context.get("kwargs") or {}).values():
        if str(value).isdigit() and int(value) > _LARGEST_ID:
            return drf_exceptions.NotFound()
    return drf_exceptions.ValidationError(
        {NON_FIELD_ERRORS_KEY: [_("A number or a date sent is out of range.")]}
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        set_rollback()
        return Response(_error(exc.message, exc.code, exc.extra), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(_invalid_input(_django_validation_fields(exc)), status=400)
    if isinstance(exc, OverflowError):
        exc = _out_of_range(context)
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        exc = drf_exceptions.ParseError()
    elif isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    elif isinstance(exc, drf_exceptions.NotAuthenticated | drf_exceptions.AuthenticationFailed):
        header = _authenticate_header(context.get("request"))
        if header:
            exc.auth_header = header  # type: ignore[union-attr]
            exc.status_code = 401

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf_exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {NON_FIELD_ERRORS_KEY: exc.detail}
        response.data = _invalid_input(detail)
    elif isinstance(exc, drf_exceptions.Throttled):
        codes = exc.get_codes()
        wait = getattr(exc, "wait", None)
        response.data = _error(
            _throttled_message(wait),
            codes if isinstance(codes, str) else "throttled",
            {"wait": wait},
        )
    elif isinstance(exc, drf_exceptions.APIException):
        codes = exc.get_codes()
        response.data = _error(
            _api_exception_message(exc), codes if isinstance(codes, str) else "error"
        )
    return response
