"""Who an organisation is: the review of a verified organisation's new name or numbers,
and claims to numbers another registration holds."""

from __future__ import annotations

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
from accounts.forms import OrganisationChangeRejectForm, OrganisationClaimDecisionForm
from accounts.models import OrganisationChange, OrganisationClaim
from accounts.views.shared import SignedInMixin
from core.views import ServiceActionView, ServiceFormMixin


class AdministratorsOnlyMixin(SignedInMixin):
    """A page for administrators: to anyone else signed in, a 404."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.is_administrator(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OrganisationChangeListView(AdministratorsOnlyMixin, ListView):
    """The changes of name or numbers awaiting review."""

    template_name = "organisations/changes.html"
    context_object_name = "changes"
    paginate_by = 50

    def get_queryset(self) -> Any:
        return selectors.organisation_change_list(viewer=self.request.user, status="pending")


class ChangeMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def change(self) -> OrganisationChange:
        return selectors.organisation_change_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def organisation_url(self) -> str:
        return reverse("organisations:detail", kwargs={"pk": self.change.organisation_id})


class OrganisationChangeApproveView(SignedInMixin, ChangeMixin, ServiceActionView):
    success_message = gettext_lazy(
        "The change has been approved: the organisation's details show it."
    )

    def perform(self) -> None:
        services.organisation_change_approve(change=self.change, actor=self.user)

    def get_success_url(self) -> str:
        return self.organisation_url()


class OrganisationChangeRejectView(
    AdministratorsOnlyMixin, ChangeMixin, ServiceFormMixin, FormView
):
    template_name = "organisations/decision.html"
    form_class = OrganisationChangeRejectForm
    prefix = "change"  # as on the organisation's page, next to its own rejection form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=_("Refuse the change of %(name)s") % {"name": self.change.organisation.name},
            back_url=self.organisation_url(),
            button=_("Refuse the change"),
            **kwargs,
        )

    def perform(self, form: OrganisationChangeRejectForm) -> HttpResponse:
        services.organisation_change_reject(
            change=self.change, actor=self.user, reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("The change has been refused."))
        return redirect(self.organisation_url())


# --- Claims -----------------------------------------------------------------------------


class OrganisationClaimListView(SignedInMixin, ListView):
    """Administrators: every claim; anyone else: their own."""

    template_name = "organisations/claims.html"
    context_object_name = "claims"
    paginate_by = 50

    def get_queryset(self) -> Any:
        return selectors.organisation_claim_list(viewer=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            is_administrator=permissions.is_administrator(self.request.user), **kwargs
        )


class ClaimMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def claim(self) -> OrganisationClaim:
        return selectors.organisation_claim_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def claim_url(self) -> str:
        return reverse("organisations:claim_detail", kwargs={"pk": self.kwargs["pk"]})


class OrganisationClaimDetailView(SignedInMixin, ClaimMixin, TemplateView):
    template_name = "organisations/claim_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        claim = self.claim
        return super().get_context_data(
            claim=claim,
            can_decide=claim.status == "pending"
            and permissions.can_decide_organisation_claim(self.request.user, claim),
            decision_form=OrganisationClaimDecisionForm(),
            **kwargs,
        )


class ClaimDecisionView(AdministratorsOnlyMixin, ClaimMixin, ServiceFormMixin, FormView):
    template_name = "organisations/decision.html"
    form_class = OrganisationClaimDecisionForm
    heading: Any = ""
    button: Any = ""
    done: Any = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=self.heading, back_url=self.claim_url(), button=self.button, **kwargs
        )

    def decide(self, reason: str) -> None:
        raise NotImplementedError

    def perform(self, form: OrganisationClaimDecisionForm) -> HttpResponse:
        self.decide(form.cleaned_data["reason"])
        messages.success(self.request, str(self.done))
        return redirect(self.claim_url())


class OrganisationClaimUpholdView(ClaimDecisionView):
    heading = gettext_lazy("Uphold the claim")
    button = gettext_lazy("Uphold the claim")
    done = gettext_lazy(
        "The claim has been upheld: the other organisation was rejected and the claimant's "
        "organisation registered, awaiting verification."
    )

    def decide(self, reason: str) -> None:
        services.organisation_claim_uphold(claim=self.claim, actor=self.user, reason=reason)


class OrganisationClaimDismissView(ClaimDecisionView):
    heading = gettext_lazy("Dismiss the claim")
    button = gettext_lazy("Dismiss the claim")
    done = gettext_lazy("The claim has been dismissed.")

    def decide(self, reason: str) -> None:
        services.organisation_claim_dismiss(claim=self.claim, actor=self.user, reason=reason)
