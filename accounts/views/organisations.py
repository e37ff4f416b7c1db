"""Organisations: the list, one organisation, registering and editing it, its verification
or rejection, asking to join it and its members."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from accounts import permissions, selectors, services
from accounts.exceptions import DuplicateOrganisation
from accounts.forms import (
    MembershipRequestForm,
    OrganisationChangeRejectForm,
    OrganisationClaimForm,
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationRejectForm,
)
from accounts.models import MembershipRole, MembershipStatus, Organisation, OrganisationStatus
from accounts.views.shared import SignedInMixin
from core.views import (
    SERVICE_ERRORS,
    ServiceActionView,
    ServiceFormMixin,
    form_add_service_error,
)


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
            is_administrator=permissions.is_administrator(self.request.user),
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
        can_edit = permissions.can_edit_organisation(user, organisation)
        pending_change = None
        if can_edit:
            pending_change = selectors.organisation_pending_change(organisation=organisation)
        return super().get_context_data(
            organisation=organisation,
            pending_change=pending_change,
            can_review_change=pending_change is not None
            and permissions.can_review_organisation_change(user, pending_change),
            change_reject_form=OrganisationChangeRejectForm(prefix="change"),
            my_membership=my_membership,
            can_edit=can_edit,
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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The numbers are taken: the same form can claim them instead (``claim`` posted).
        return super().get_context_data(claim_form=getattr(self, "claim_form", None), **kwargs)

    def form_valid(self, form: OrganisationForm) -> HttpResponse:
        if "claim" in self.request.POST:
            return self.file_claim(form)
        try:
            return self.perform(form)
        except DuplicateOrganisation as error:
            self.claim_form = OrganisationClaimForm()
            form_add_service_error(form, error)
            return self.form_invalid(form)
        except SERVICE_ERRORS as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)

    def file_claim(self, form: OrganisationForm) -> HttpResponse:
        self.claim_form = OrganisationClaimForm(self.request.POST)
        if not self.claim_form.is_valid():
            return self.form_invalid(form)
        data = dict(form.cleaned_data)
        areas = list(data.pop("areas"))
        try:
            claim = services.organisation_claim_file(
                actor=self.user,
                justification=self.claim_form.cleaned_data["justification"],
                areas=areas,
                **data,
            )
        except SERVICE_ERRORS as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Your claim has been filed. An administrator will review it; this page shows "
                "the decision."
            ),
        )
        return redirect("organisations:claim_detail", pk=claim.pk)

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


class OrganisationFormView(SignedInMixin, OrganisationMixin, ServiceFormMixin, FormView):
    """A form that changes one organisation, shown only to whoever ``permitted`` allows
    (to anyone else it is a 404, as if it were not there; the signed-out log in first)."""

    permitted: Callable[[Any, Organisation], bool]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.permitted(request.user, self.organisation):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(organisation=self.organisation, **kwargs)


class OrganisationEditView(OrganisationFormView):
    template_name = "organisations/form.html"
    form_class = OrganisationForm
    permitted = staticmethod(permissions.can_edit_organisation)

    def get_initial(self) -> dict[str, Any]:
        return OrganisationForm.initial_from(self.organisation)

    def perform(self, form: OrganisationForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        areas = list(data.pop("areas"))
        services.organisation_update(
            organisation=self.organisation, actor=self.user, areas=areas, **data
        )
        if selectors.organisation_pending_change(organisation=self.organisation) is not None:
            messages.success(
                self.request,
                _(
                    "The details have been saved. The new name or numbers await an "
                    "administrator's review; until then the organisation keeps its current ones."
                ),
            )
        else:
            messages.success(self.request, _("The organisation's details have been saved."))
        return redirect("organisations:detail", pk=self.organisation.pk)


class OrganisationVerifyView(SignedInMixin, OrganisationMixin, ServiceActionView):
    success_message = gettext_lazy("The organisation has been verified. It can act from now on.")

    def perform(self) -> None:
        services.organisation_verify(organisation=self.organisation, actor=self.user)

    def get_success_url(self) -> str:
        return self.organisation_url()


class OrganisationRejectView(OrganisationFormView):
    """The reason is required, so a refused form comes back here with the error at the field."""

    template_name = "organisations/reject.html"
    form_class = OrganisationRejectForm
    permitted = staticmethod(permissions.can_decide_organisation)

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
