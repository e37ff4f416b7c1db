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
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import selectors, services
from accounts.exceptions import InvalidToken
from accounts.forms import RegistrationForm
from accounts.tokens import email_verification_token
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
        # The same answer whether the address was new or had an account already
        # (its owner is mailed instead): registering does not tell who has an account.
        services.user_register(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password"],
            language=form.cleaned_data["language"],
        )
        return redirect("accounts:register_done")


class RegisterDoneView(TemplateView):
    template_name = "accounts/register_done.html"


class VerifyEmailView(View):
    """The link from the verification e-mail opens a page with a button; only the button
    (a POST) confirms the address. Mail scanners and link previews fetch links with GET
    or HEAD, which must change nothing. The token covers the verification time, so once
    used the link stops working."""

    http_method_names = ["get", "head", "post"]

    def _refused(self, error: ApplicationError) -> HttpResponse:
        # The outcome of the link is this page's whole content, so it is shown here.
        context = {"verified": False, "error": error.message}
        return render(self.request, "accounts/verify_email.html", context, status=400)

    def get(self, request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
        user = selectors.user_get_by_uidb64(uidb64=uidb64)
        if user is None or not email_verification_token.check_token(user, token):
            return self._refused(InvalidToken())
        return render(request, "accounts/verify_email.html", {"confirm": True, "email": user.email})

    def post(self, request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
        user = selectors.user_get_by_uidb64(uidb64=uidb64)
        try:
            if user is None:
                raise InvalidToken()
            services.user_verify_email(user=user, token=token)
        except ApplicationError as error:
            return self._refused(error)
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
