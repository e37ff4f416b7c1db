from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from rest_framework import authentication
from rest_framework.request import Request


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication that also applies the user's preferred language, unless
    the client chose one with the language cookie (the middleware ran before DRF knew who
    the client was)."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is None or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return result
        language = getattr(result[0], "language", None)
        if language in {code for code, _name in settings.LANGUAGES}:
            translation.activate(language)
            request._request.LANGUAGE_CODE = language
        return result
