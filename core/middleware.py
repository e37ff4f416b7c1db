"""Activate the signed-in user's preferred language unless the visitor chose another.

Django's LocaleMiddleware would let the browser's Accept-Language win over Polish, the
product's default; here the order is: the language cookie (set by the switcher), the
user's profile, for the API only the Accept-Language header, then Polish. Token-
authenticated API clients are only known after DRF authenticates them:
``accounts.authentication.ApiTokenAuthentication`` applies their profile language then.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def _choose(self, request: HttpRequest) -> str:
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in self.supported:
            return cookie
        user = getattr(request, "user", None)
        language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language in self.supported:
            return language
        if request.path.startswith("/api/") and "HTTP_ACCEPT_LANGUAGE" in request.META:
            return translation.get_language_from_request(request)
        return settings.LANGUAGE_CODE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self._choose(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language() or language)
        translation.deactivate()
        return response
