"""The administration site, entered only through the site's own login.

Its login page sends to ``accounts:login`` (which asks for the second factor), and a user
with two-factor login on gets in only with a session that passed it: a session opened
before it was turned on is logged out and must log in again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.http import HttpRequest, HttpResponse


def _passes_second_factor(request: HttpRequest) -> bool:
    from accounts import selectors
    from accounts.middleware import session_is_verified

    if session_is_verified(request):
        return True
    return not selectors.two_factor_enabled(user=request.user)  # type: ignore[arg-type]


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and _passes_second_factor(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.urls import reverse

        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if not _passes_second_factor(request):
                logout(request)
            elif super().has_permission(request):
                return super().login(request, extra_context)  # sends on to the index
            else:
                # Logged in, but not staff: logging in again would not help.
                raise PermissionDenied
        return redirect_to_login(next_url, reverse("accounts:login"))


class AdminConfig(DjangoAdminConfig):
    default_site = "accounts.admin_site.AdminSite"
