"""The decisions on a membership: approving or declining a request, the role, ending it."""

from __future__ import annotations

from functools import cached_property

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import selectors, services
from accounts.forms import MembershipRoleForm
from accounts.models import Membership, MembershipRole
from accounts.titles import role_title
from accounts.views.shared import SignedInMixin
from core.views import ServiceActionView


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
            % {"name": membership.user, "role": role_title(membership.role, membership.user)},
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
            % {"name": membership.user, "role": role_title(membership.role, membership.user)},
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
