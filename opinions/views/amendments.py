"""Amendments: proposed on a draft's items, accepted or rejected by the drafter or the
chair."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from accounts.viewer import request_viewer
from core.views import ServiceActionView, ServiceFormMixin
from opinions import permissions, selectors, services
from opinions.forms import AmendmentForm
from opinions.models import Amendment, PositionItem
from opinions.presenters import ITEM_WITHHELD
from opinions.views.shared import PositionMixin


class AmendmentProposeView(LoginRequiredMixin, PositionMixin, ServiceFormMixin, FormView):
    template_name = "opinions/amendment_form.html"
    form_class = AmendmentForm

    @cached_property
    def item(self) -> PositionItem:
        return self.item_by_id(self.kwargs["item_id"])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_propose_amendment(
            request_viewer(request), self.position
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        # An item withheld from the viewer starts empty: the form must not show its text.
        return {"text": "" if getattr(self.item, "text_withheld", False) else self.item.text}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            position=self.position,
            item=self.item,
            item_number=self.items.index(self.item) + 1,
            item_withheld_notice=ITEM_WITHHELD,
            **kwargs,
        )

    def perform(self, form: AmendmentForm) -> HttpResponse:
        services.amendment_propose(item=self.item, actor=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _("Your amendment has been proposed. The drafter or the chair will decide on it."),
        )
        return redirect(self.position_url(f"item-{self.item.pk}"))


class AmendmentActionView(LoginRequiredMixin, ServiceActionView):
    @cached_property
    def amendment(self) -> Amendment:
        return selectors.amendment_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def get_success_url(self) -> str:
        amendment = self.amendment
        url = reverse("council:position_detail", kwargs={"pk": amendment.item.position_id})
        return f"{url}#item-{amendment.item_id}"


class AmendmentAcceptView(AmendmentActionView):
    success_message = gettext_lazy("The amendment has been accepted: the item has its text now.")

    def perform(self) -> None:
        services.amendment_accept(amendment=self.amendment, actor=self.request.user)


class AmendmentRejectView(AmendmentActionView):
    success_message = gettext_lazy("The amendment has been rejected.")

    def perform(self) -> None:
        services.amendment_reject(amendment=self.amendment, actor=self.request.user)
