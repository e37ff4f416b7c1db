"""The one DRF exception handler: every error is ``{"message", "code", "extra"}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError


def _django_validation_extra(error: DjangoValidationError) -> dict[str, Any]:
    if hasattr(error, "error_dict"):
        return {
            "fields": {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
        }
    return {"fields": {"non_field_errors": [str(m) for m in error.messages]}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response(
            {"message": str(exc.message), "code": exc.code, "extra": exc.extra},
            status=exc.status_code,
        )
    if isinstance(exc, DjangoValidationError):
        return Response(
            {
                "message": _("The data sent is not valid."),
                "code": "invalid",
                "extra": _django_validation_extra(exc),
            },
            status=400,
        )
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf_exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "message": _("The data sent is not valid."),
            "code": "invalid",
            "extra": {"fields": detail},
        }
    elif isinstance(exc, drf_exceptions.APIException):
        codes = exc.get_codes()
        response.data = {
            "message": str(exc.detail),
            "code": codes if isinstance(codes, str) else "error",
            "extra": {},
        }
    return response
