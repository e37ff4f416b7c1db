"""The signed-in user's profile and API tokens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from accounts import selectors, services
from accounts.forms import ApiTokenForm, ProfileForm
from accounts.views.shared import SignedInMixin
from core.views import ServiceActionView, ServiceFormMixin


class ProfileView(SignedInMixin, ServiceFormMixin, FormView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_initial(self) -> dict[str, Any]:
        user = self.user
        return {
            "full_name": user.full_name,
            "language": user.language,
            "grammatical_gender": user.grammatical_gender,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.user
        return super().get_context_data(
            memberships=selectors.membership_list_for_user(user=user),
            official_posts=selectors.official_post_list_for_user(user=user),
            two_factor_enabled=selectors.two_factor_enabled(user=user),
            api_tokens=selectors.api_token_list_for_user(user=user),
            api_token_form=ApiTokenForm(),
            api_token_ttl_days=settings.API_TOKEN_TTL_DAYS,
            **kwargs,
        )

    def perform(self, form: ProfileForm) -> HttpResponse:
        user = services.user_update_profile(
            user=self.user,
            actor=self.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
            grammatical_gender=form.cleaned_data["grammatical_gender"],
        )
        with translation.override(user.language):
            messages.success(self.request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        # The switcher's cookie outranks the profile; keep the two in step.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
        return response


class ApiTokenCreateView(SignedInMixin, ServiceActionView):
    """Make a new API token and show it once; it is never displayed again."""

    def perform(self) -> HttpResponse:
        form = ApiTokenForm(self.request.POST)
        label = form.cleaned_data["label"] if form.is_valid() else ""
        token = services.api_token_create(user=self.user, label=label)
        context = {"token": token, "ttl_days": settings.API_TOKEN_TTL_DAYS}
        response = render(self.request, "accounts/api_token_created.html", context)
        add_never_cache_headers(response)
        return response

    def get_success_url(self) -> str:
        return reverse("accounts:profile")


class ApiTokenRevokeView(SignedInMixin, ServiceActionView):
    success_message = gettext_lazy("The API token has been revoked; it no longer works.")

    def perform(self) -> None:
        token = selectors.api_token_get_for(user=self.user, pk=self.kwargs["pk"])
        services.api_token_revoke(token=token, actor=self.user)

    def get_success_url(self) -> str:
        return reverse("accounts:profile")
