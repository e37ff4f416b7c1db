"""Resetting a forgotten password and changing one's password: Django's views, with the
site's templates and the reset e-mail sent by a worker. A new password revokes every API
token of the account: whoever knew the old password may have made one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts import services
from core.client_ip import client_ip


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the e-mail is queued for a worker, which sends it in the
    recipient's preferred language (``accounts.tasks``), within the limits per address
    and per client (``services.user_password_reset_request``). The page that follows is
    the same whatever happened."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail")

    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        services.user_password_reset_request(
            email=self.cleaned_data["email"], client=client_ip(request) if request else None
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LocalisedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "emails/password_reset/subject.txt"
    email_template_name = "emails/password_reset/body.txt"
    html_email_template_name = "emails/password_reset/body.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict[str, str]:  # type: ignore[override]
        # Links point at the configured site, never at whatever Host the request named.
        return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.api_tokens_revoke_all(user=form.user, actor=form.user, reason="password_reset")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.api_tokens_revoke_all(user=form.user, actor=form.user, reason="password_change")
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
