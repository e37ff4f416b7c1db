"""The account and organisation pages: a selector to read, one service call to change.

Domain errors from services are shown by ``core.views`` (at the form field, or as a message);
anything the viewer may not see is a 404, as in the selectors.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from accounts import permissions, selectors, services
from accounts.exceptions import InvalidToken
from accounts.forms import (
    EmailAuthenticationForm,
    MembershipRequestForm,
    MembershipRoleForm,
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationRejectForm,
    ProfileForm,
    RegistrationForm,
)
from accounts.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
    User,
)
from core.exceptions import ApplicationError
from core.views import ServiceActionView, ServiceFormMixin


class SignedInMixin(LoginRequiredMixin):
    """Login required; past it, ``self.user`` is the signed-in user."""

    request: HttpRequest

    @property
    def user(self) -> User:
        user = self.request.user
        assert isinstance(user, User), "LoginRequiredMixin lets only users in"
        return user


# --- Logging in and out -----------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


def lockout(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of the login form after too many failed attempts (django-axes)."""
    return render(request, "accounts/lockout.html", status=429)


# --- Registration and e-mail verification -----------------------------------------------


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


# --- Passwords --------------------------------------------------------------------------


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the e-mail is queued for a worker, which sends it in the
    recipient's preferred language (``accounts.tasks``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail")

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        context = args[2] if len(args) > 2 else kwargs["context"]
        services.user_password_reset_request(user=context["user"])


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


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# --- Profile and API token --------------------------------------------------------------


class ProfileView(SignedInMixin, ServiceFormMixin, FormView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_initial(self) -> dict[str, Any]:
        user = self.user
        return {"full_name": user.full_name, "language": user.language}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.user
        return super().get_context_data(
            memberships=selectors.membership_list_for_user(user=user),
            official_posts=selectors.official_post_list_for_user(user=user),
            api_token=selectors.api_token_for_user(user=user),
            **kwargs,
        )

    def perform(self, form: ProfileForm) -> HttpResponse:
        user = services.user_update_profile(
            user=self.user,
            actor=self.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
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
        token = services.api_token_rotate(user=self.user)
        response = render(self.request, "accounts/api_token_created.html", {"token": token})
        add_never_cache_headers(response)
        return response

    def get_success_url(self) -> str:
        return reverse("accounts:profile")


class ApiTokenRevokeView(SignedInMixin, ServiceActionView):
    success_message = gettext_lazy("Your API token has been revoked; it no longer works.")

    def perform(self) -> None:
        services.api_token_revoke(user=self.user)

    def get_success_url(self) -> str:
        return reverse("accounts:profile")


# --- Organisations ----------------------------------------------------------------------


def _sees_everything(user: Any) -> bool:
    return permissions.is_administrator(user) or permissions.is_official(user)


class OrganisationListView(ListView):
    template_name = "organisations/list.html"
    context_object_name = "organisations"
    paginate_by = 20

    @cached_property
    def filter_form(self) -> OrganisationFilterForm:
        return OrganisationFilterForm(
            self.request.GET, show_status=_sees_everything(self.request.user)
        )

    def get_queryset(self) -> Any:
        form = self.filter_form
        form.is_valid()  # an invalid filter value is ignored, the others still apply
        return selectors.organisation_search(
            viewer=self.request.user, filters=getattr(form, "cleaned_data", {})
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            filter_form=self.filter_form,
            show_status=_sees_everything(self.request.user),
            filtered=any(self.request.GET.get(name) for name in self.filter_form.fields),
            **kwargs,
        )


class OrganisationMixin:
    """Loads ``self.organisation`` for the viewer (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def organisation(self) -> Organisation:
        return selectors.organisation_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def organisation_url(self) -> str:
        return reverse("organisations:detail", kwargs={"pk": self.kwargs["pk"]})


class OrganisationDetailView(OrganisationMixin, TemplateView):
    template_name = "organisations/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        organisation = self.organisation
        my_membership = selectors.membership_of(user=user, organisation=organisation)
        can_decide = permissions.can_decide_organisation(user, organisation)
        next_statuses = Organisation.TRANSITIONS.get(organisation.status, set())
        return super().get_context_data(
            organisation=organisation,
            my_membership=my_membership,
            can_edit=permissions.can_edit_organisation(user, organisation),
            can_view_members=permissions.can_view_members(user, organisation),
            can_request=my_membership is None
            and permissions.can_request_membership(user, organisation),
            can_verify=can_decide and OrganisationStatus.VERIFIED in next_statuses,
            can_reject=can_decide and OrganisationStatus.REJECTED in next_statuses,
            request_form=MembershipRequestForm(),
            reject_form=OrganisationRejectForm(),
            **kwargs,
        )


class OrganisationRegisterView(SignedInMixin, ServiceFormMixin, FormView):
    template_name = "organisations/form.html"
    form_class = OrganisationForm

    def perform(self, form: OrganisationForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        areas = list(data.pop("areas"))
        organisation = services.organisation_register(actor=self.user, areas=areas, **data)
        messages.success(
            self.request,
            _(
                "The organisation has been registered. An official will verify it; until then "
                "it cannot act."
            ),
        )
        return redirect("organisations:detail", pk=organisation.pk)


class OrganisationEditView(SignedInMixin, OrganisationMixin, ServiceFormMixin, FormView):
    template_name = "organisations/form.html"
    form_class = OrganisationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_edit_organisation(
            request.user, self.organisation
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return OrganisationForm.initial_from(self.organisation)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def perform(self, form: OrganisationForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        areas = list(data.pop("areas"))
        services.organisation_update(
            organisation=self.organisation, actor=self.user, areas=areas, **data
        )
        messages.success(self.request, _("The organisation's details have been saved."))
        return redirect("organisations:detail", pk=self.organisation.pk)


class OrganisationVerifyView(SignedInMixin, OrganisationMixin, ServiceActionView):
    success_message = gettext_lazy("The organisation has been verified. It can act from now on.")

    def perform(self) -> None:
        services.organisation_verify(organisation=self.organisation, actor=self.user)

    def get_success_url(self) -> str:
        return self.organisation_url()


class OrganisationRejectView(SignedInMixin, OrganisationMixin, ServiceFormMixin, FormView):
    """The reason is required, so a refused form comes back here with the error at the field."""

    template_name = "organisations/reject.html"
    form_class = OrganisationRejectForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_decide_organisation(
            request.user, self.organisation
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def perform(self, form: OrganisationRejectForm) -> HttpResponse:
        services.organisation_reject(
            organisation=self.organisation,
            actor=self.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, _("The organisation has been rejected."))
        return redirect(self.organisation_url())


class OrganisationJoinView(SignedInMixin, OrganisationMixin, ServiceActionView):
    success_message = gettext_lazy(
        "Your request has been sent. The organisation's representatives will decide on it."
    )

    def perform(self) -> None:
        form = MembershipRequestForm(self.request.POST)
        message = form.cleaned_data["message"] if form.is_valid() else ""
        services.membership_request(
            organisation=self.organisation, actor=self.user, message=message
        )

    def get_success_url(self) -> str:
        return self.organisation_url()


class OrganisationMembersView(SignedInMixin, OrganisationMixin, TemplateView):
    template_name = "organisations/members.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        organisation = self.organisation
        memberships = list(
            selectors.membership_list_for_organisation(viewer=user, organisation=organisation)
        )
        # One check for the page; each action's service checks again.
        can_manage = permissions.is_administrator(user) or permissions.is_representative_of(
            user, organisation
        )
        return super().get_context_data(
            organisation=organisation,
            requests=[m for m in memberships if m.status == MembershipStatus.REQUESTED],
            active=[m for m in memberships if m.status == MembershipStatus.ACTIVE],
            past=[
                m
                for m in memberships
                if m.status not in (MembershipStatus.REQUESTED, MembershipStatus.ACTIVE)
            ],
            can_manage=can_manage,
            is_administrator=permissions.is_administrator(user),
            role_choices=MembershipRole.choices,
            **kwargs,
        )


# --- Membership decisions ---------------------------------------------------------------


class MembershipActionView(SignedInMixin, ServiceActionView):
    """A decision on one membership the viewer is party to (Http404 otherwise)."""

    @cached_property
    def membership(self) -> Membership:
        return selectors.membership_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def get_success_url(self) -> str:
        return reverse("organisations:members", kwargs={"pk": self.membership.organisation_id})

    def role_from_post(self) -> str:
        form = MembershipRoleForm(self.request.POST)
        # An unknown role reaches the service, which refuses it with a message.
        return form.cleaned_data["role"] if form.is_valid() else self.request.POST.get("role", "")


class MembershipApproveView(MembershipActionView):
    def perform(self) -> None:
        role = self.role_from_post() or MembershipRole.MEMBER
        membership = services.membership_approve(
            membership=self.membership, actor=self.user, role=role
        )
        messages.success(
            self.request,
            _("%(name)s is now a %(role)s of the organisation.")
            % {"name": membership.user, "role": membership.get_role_display()},
        )


class MembershipDeclineView(MembershipActionView):
    def perform(self) -> None:
        membership = services.membership_decline(membership=self.membership, actor=self.user)
        messages.success(
            self.request, _("The request of %(name)s was declined.") % {"name": membership.user}
        )


class MembershipSetRoleView(MembershipActionView):
    def perform(self) -> None:
        membership = services.membership_set_role(
            membership=self.membership, actor=self.user, role=self.role_from_post()
        )
        messages.success(
            self.request,
            _("%(name)s is now a %(role)s of the organisation.")
            % {"name": membership.user, "role": membership.get_role_display()},
        )


class MembershipRevokeView(MembershipActionView):
    """Ends a membership; its own member leaves (or withdraws a request) the same way."""

    def perform(self) -> None:
        membership = services.membership_revoke(membership=self.membership, actor=self.user)
        if self.is_own:
            messages.success(
                self.request,
                _("You are no longer connected with %(organisation)s.")
                % {"organisation": membership.organisation},
            )
        else:
            messages.success(
                self.request,
                _("The membership of %(name)s has ended.") % {"name": membership.user},
            )

    @property
    def is_own(self) -> bool:
        return self.membership.user_id == self.request.user.pk

    def get_success_url(self) -> str:
        # Someone who left may no longer see the members page, or the organisation.
        if self.is_own:
            return reverse("accounts:profile")
        return super().get_success_url()

    def get_error_url(self) -> str:
        return reverse("organisations:members", kwargs={"pk": self.membership.organisation_id})
