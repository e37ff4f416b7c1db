"""Requests from organisations: asking the council, following the request, the officers'
decision."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from accounts import selectors as account_selectors
from accounts.viewer import request_viewer
from core.forms import form_errors_as_validation_error
from core.views import ServiceActionView, ServiceFormMixin
from opinions import permissions, selectors, services
from opinions.forms import RequestDeclineForm, RequestForm
from opinions.models import CouncilRequest, RequestStatus


class RequestCreateView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "opinions/request_form.html"
    form_class = RequestForm

    @cached_property
    def organisations(self) -> Any:
        return account_selectors.organisations_represented_by(user=self.request.user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.organisations.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisations": self.organisations}

    def get_initial(self) -> dict[str, Any]:
        organisations = list(self.organisations[:2])
        return {"organisation": organisations[0].pk} if len(organisations) == 1 else {}

    def perform(self, form: RequestForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        council_request = services.request_submit(
            organisation=data.pop("organisation"),
            actor=self.request.user,
            attachments=data.pop("attachments"),
            **data,
        )
        messages.success(
            self.request,
            _("Your request has been sent to the council. Follow its progress on this page."),
        )
        return redirect("council:request_detail", pk=council_request.pk)


class RequestMixin(LoginRequiredMixin):
    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def council_request(self) -> CouncilRequest:
        return selectors.request_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class RequestDetailView(RequestMixin, TemplateView):
    """The requester follows their request: the position's status, its vote, its number."""

    template_name = "opinions/request_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        viewer = request_viewer(self.request)
        council_request = self.council_request
        position = getattr(council_request, "position", None)
        progress = selectors.request_progress_for(viewer=user, council_request=council_request)
        return super().get_context_data(
            council_request=council_request,
            position=position,
            progress=progress,
            can_view_position=position is not None
            and permissions.can_view_position(viewer, position),
            can_decide=council_request.status == RequestStatus.SUBMITTED
            and permissions.can_decide_request(viewer, council_request),
            decline_form=RequestDeclineForm(),
            **kwargs,
        )


class RequestDecisionView(RequestMixin, ServiceActionView):
    """The chair or the secretary accepts or declines a request (POST from its page).
    Those who may not see the request get a 404, those who see it but may not decide a
    403; the service checks again."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_decide_request(
            request_viewer(request), self.council_request
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return reverse("council:request_detail", kwargs={"pk": self.council_request.pk})


class RequestAcceptView(RequestDecisionView):
    success_message = gettext_lazy(
        "The request has been accepted. The council works on its draft position."
    )

    def perform(self) -> None:
        services.request_accept(request=self.council_request, actor=self.request.user)


class RequestDeclineView(RequestDecisionView):
    success_message = gettext_lazy("The request has been declined. The organisation sees why.")

    def perform(self) -> None:
        form = RequestDeclineForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        services.request_decline(
            request=self.council_request,
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )
