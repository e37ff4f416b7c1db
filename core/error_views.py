"""Django's error views (``handler400``/``403``/``404``/``500``), answering in the API's
error shape for addresses under ``/api/``.

Errors raised inside an API view are rendered by ``core.api.exception_handler``; these
cover what happens before a view runs or outside DRF: an address that matches no route
(a non-integer id in an API path), a request Django refuses to read, an unhandled
exception. Pages keep Django's HTML templates.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from core.api import error_body

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(message: str, code: str, status: HTTPStatus) -> JsonResponse:
    return JsonResponse(error_body(message, code), status=status)


def bad_request(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    if is_api_request(request):
        return _json(
            _("The request could not be read. Check its headers and body and send it again."),
            "bad_request",
            HTTPStatus.BAD_REQUEST,
        )
    return defaults.bad_request(request, exception, **kwargs)


def permission_denied(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    if is_api_request(request):
        return _json(
            _("You are not allowed to do this."), "permission_denied", HTTPStatus.FORBIDDEN
        )
    return defaults.permission_denied(request, exception, **kwargs)


def page_not_found(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    if is_api_request(request):
        return _json(
            _("Not found. Check the address; if the item is not public, log in first."),
            "not_found",
            HTTPStatus.NOT_FOUND,
        )
    return defaults.page_not_found(request, exception, **kwargs)


def server_error(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    if is_api_request(request):
        return _json(
            _("Something went wrong on our side. Try again later."),
            "server_error",
            HTTPStatus.INTERNAL_SERVER_ERROR,
        )
    return defaults.server_error(request, **kwargs)
