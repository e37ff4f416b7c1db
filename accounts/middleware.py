"""Two-factor login enforced: a user whose role must use it (``TWO_FACTOR_REQUIRED_ROLES``)
and has not set it up can open nothing but the setup pages until they do.

Only pages reached through a session are concerned: an API token is issued only after a
full login (``accounts.api.views.auth``). While the setting is empty the middleware does
nothing and costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import permissions, selectors
from accounts.viewer import request_viewer
from core.api import error_body

# What a user who must set up two-factor login may still open (view names).
ALLOWED_VIEWS = frozenset(
    {
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "accounts:logout",
        "accounts:login",
        "accounts:login_code",
        "health",
        "javascript-catalog",
        "set_language",
    }
)


def session_is_verified(request: HttpRequest) -> bool:
    """The session's login passed a second factor (``django_otp.login``)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not settings.TWO_FACTOR_REQUIRED_ROLES:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or session_is_verified(request):
            return None
        if not permissions.must_use_two_factor(request_viewer(request)):
            return None
        if selectors.two_factor_enabled(user=user):
            # A session opened before two-factor login was turned on: log in again.
            logout(request)
            return redirect_to_login(request.get_full_path())
        message = _(
            "Your role requires two-factor login. Set it up with an authenticator app "
            "before you continue."
        )
        if request.path.startswith("/api/"):
            return JsonResponse(error_body(message, "two_factor_setup_required"), status=403)
        return redirect("accounts:two_factor_setup")
