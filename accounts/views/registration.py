"""Registration and the confirmation of the e-mail address."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from accounts import selectors, services
from accounts.exceptions import InvalidToken
from accounts.forms import RegistrationForm
from accounts.views.shared import SignedInMixin
from core.exceptions import ApplicationError
from core.views import ServiceActionView, ServiceFormMixin


class RegisterView(ServiceFormMixin, FormView):
    template_name = "accounts/register.html"
    form_class = RegistrationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"language": translation.get_language()}

    def perform(self, form: RegistrationForm) -> HttpResponse:
        services.user_register(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password"],
            language=form.cleaned_data["language"],
        )
        return redirect("accounts:register_done")


class RegisterDoneView(TemplateView):
    template_name = "accounts/register_done.html"


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link from the verification e-mail. Following it proves the mailbox is the user's,
    so a GET may record it; the token covers the verification time, so the link then stops
    working."""
    user = selectors.user_get_by_uidb64(uidb64=uidb64)
    try:
        if user is None:
            raise InvalidToken()
        services.user_verify_email(user=user, token=token)
    except ApplicationError as error:
        # The outcome of the link is this page's whole content, so it is shown here.
        context = {"verified": False, "error": error.message}
        return render(request, "accounts/verify_email.html", context, status=400)
    return render(request, "accounts/verify_email.html", {"verified": True})


class VerifyEmailResendView(SignedInMixin, ServiceActionView):
    success_message = gettext_lazy(
        "We sent you a new link. Open it from your inbox to confirm your e-mail address."
    )

    def perform(self) -> HttpResponse | None:
        user = self.user
        if user.email_verified:
            messages.info(self.request, _("Your e-mail address is already confirmed."))
            return HttpResponseRedirect(self.get_success_url())
        services.user_verification_email_request(user=user)
        return None

    def get_success_url(self) -> str:
        return reverse("accounts:profile")
