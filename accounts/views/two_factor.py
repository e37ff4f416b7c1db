"""Two-factor login on the profile: turning it on with an authenticator app, new recovery
codes, turning it off."""

from __future__ import annotations

from typing import Any

import segno
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import permissions, selectors, services, two_factor
from accounts.forms import AuthenticatorCodeForm
from accounts.views.shared import SignedInMixin
from core.views import ServiceActionView, ServiceFormMixin

# The secret offered on the setup page, kept until the user confirms it with a code.
SETUP_KEY_SESSION_KEY = "accounts_two_factor_setup_key"


def _codes_page(request: Any, codes: list[str], *, heading: str) -> HttpResponse:
    response = render(
        request, "accounts/recovery_codes.html", {"recovery_codes": codes, "heading": heading}
    )
    add_never_cache_headers(response)
    return response


class TwoFactorView(SignedInMixin, TemplateView):
    """Whether two-factor login is on, and what can be done about it."""

    template_name = "accounts/two_factor.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.user
        enabled = selectors.two_factor_enabled(user=user)
        return super().get_context_data(
            two_factor_enabled=enabled,
            two_factor_required=permissions.must_use_two_factor(user),
            recovery_codes_left=selectors.recovery_codes_left(user=user) if enabled else 0,
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(SignedInMixin, ServiceFormMixin, FormView):
    """The QR code and the secret for an authenticator app, and the code that confirms it."""

    template_name = "accounts/two_factor_setup.html"
    form_class = AuthenticatorCodeForm

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and selectors.two_factor_enabled(user=request.user):
            return redirect("accounts:two_factor")
        return super().dispatch(request, *args, **kwargs)

    def setup_key(self) -> str:
        key = self.request.session.get(SETUP_KEY_SESSION_KEY)
        if not isinstance(key, str):
            key = two_factor.new_totp_key()
            self.request.session[SETUP_KEY_SESSION_KEY] = key
        return key

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        key = self.setup_key()
        # The otpauth:// address as django-otp writes it (issuer: OTP_TOTP_ISSUER).
        url = TOTPDevice(user=self.user, key=key).config_url
        qr_svg = segno.make(url, error="m").svg_inline(
            scale=4, light="#fff", title=_("QR code for your authenticator app")
        )
        return super().get_context_data(
            qr_svg=mark_safe(qr_svg),
            secret=two_factor.totp_key_base32(key),
            **kwargs,
        )

    def perform(self, form: AuthenticatorCodeForm) -> HttpResponse:
        enabled = services.two_factor_enable(
            user=self.user, key=self.setup_key(), code=form.cleaned_data["code"]
        )
        self.request.session.pop(SETUP_KEY_SESSION_KEY, None)
        # This session proved the new factor: it stays logged in, verified.
        otp_login(self.request, enabled.device)
        return _codes_page(
            self.request,
            enabled.recovery_codes,
            heading=_("Two-factor login is on"),
        )


class RecoveryCodesRegenerateView(SignedInMixin, ServiceActionView):
    """New recovery codes, shown once; the old ones stop working."""

    def perform(self) -> HttpResponse:
        codes = services.recovery_codes_regenerate(
            user=self.user, code=self.request.POST.get("code", "")
        )
        return _codes_page(self.request, codes, heading=_("Your new recovery codes"))

    def get_success_url(self) -> str:
        return reverse("accounts:two_factor")


class TwoFactorDisableView(SignedInMixin, ServiceActionView):
    success_message = gettext_lazy(
        "Two-factor login is off. Logging in now needs only your password."
    )

    def perform(self) -> None:
        services.two_factor_disable(user=self.user, code=self.request.POST.get("code", ""))

    def get_success_url(self) -> str:
        return reverse("accounts:two_factor")
