"""Logging in (the password, then a code for users with two-factor login), and the page
shown instead after too many failed attempts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView
from django_otp import login as otp_login

from accounts import login_steps, selectors, services
from accounts.forms import EmailAuthenticationForm, OneTimeCodeForm


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not selectors.two_factor_enabled(user=user):
            login_steps.forget(self.request)
            return super().form_valid(form)
        # The password was right; the session learns only that, and the code page asks for
        # the second factor before logging in.
        login_steps.start(
            self.request,
            user=user,
            backend=user.backend,
            next_url=self.get_success_url(),
        )
        return redirect("accounts:login_code")


@method_decorator([sensitive_post_parameters("code"), csrf_protect, never_cache], name="dispatch")
class LoginCodeView(FormView):
    """The second step: a code from the authenticator app, or a recovery code."""

    template_name = "registration/login_code.html"
    form_class = OneTimeCodeForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.pending = login_steps.pending(request)
        if self.pending is None:
            messages.info(request, _("Log in with your e-mail address and password first."))
            return redirect("accounts:login")
        if login_steps.is_locked_out(request, self.pending.user):
            login_steps.forget(request)
            return lockout(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: OneTimeCodeForm) -> HttpResponse:
        assert self.pending is not None
        user = self.pending.user
        check = services.two_factor_check(user=user, code=form.cleaned_data["code"])
        if not check.accepted:
            if login_steps.count_failure(self.request, user):
                login_steps.forget(self.request)
                return lockout(self.request)
            form.add_error("code", str(check.refusal().message))
            return self.form_invalid(form)
        login_steps.forget(self.request)
        auth_login(self.request, user, backend=self.pending.backend)
        otp_login(self.request, check.device)
        return HttpResponseRedirect(self.pending.next_url)


def lockout(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of the login form after too many failed attempts (django-axes)."""
    return render(request, "accounts/lockout.html", status=429)
