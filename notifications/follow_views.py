"""The pages of following and subscribing: the follow buttons' target, "What I follow",
subscribing an address, confirming it and unsubscribing in one click."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from core.client_ip import client_ip
from core.exceptions import ApplicationError
from core.views import SERVICE_ERRORS, error_messages
from notifications import follow_selectors, follow_services
from notifications.follow_forms import FollowForm, SubscribeForm
from notifications.follow_tokens import read_confirm_token, read_unsubscribe_token


class FollowView(LoginRequiredMixin, View):
    """The follow and stop-following buttons (POST), back to the page they were on."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FollowForm(request.POST)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("following:list")
        if not form.is_valid():
            messages.error(request, _("This cannot be followed."))
            return HttpResponseRedirect(back)
        data = form.cleaned_data
        try:
            if data["action"] == "follow":
                follow_services.follow_add(
                    user=request.user, kind=data["kind"], target_id=data["target_id"]
                )
                messages.success(
                    request, _("You follow it now: you will be told what happens to it.")
                )
            else:
                follow_services.follow_remove(
                    user=request.user, kind=data["kind"], target_id=data["target_id"]
                )
                messages.success(request, _("You no longer follow it."))
        except SERVICE_ERRORS as error:
            for message in error_messages(error):
                messages.error(request, message)
        return HttpResponseRedirect(back)


class FollowListView(LoginRequiredMixin, TemplateView):
    """What I follow, each with a button to stop."""

    template_name = "notifications/following/follow_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entries = follow_selectors.follow_list_for(user=self.request.user)
        # Every button of the page is one of these: no need to ask again.
        follow_selectors.remember_followed(
            self.request, [(entry.follow.kind, entry.follow.target_id) for entry in entries]
        )
        return super().get_context_data(entries=entries, **kwargs)


class SubscribeView(FormView):
    """An address subscribes to new consultations. Every valid request answers the same
    page, whatever the address and whether the mail went (``subscription_request``)."""

    template_name = "notifications/following/subscribe.html"
    form_class = SubscribeForm

    def get_initial(self) -> dict[str, Any]:
        # The links beside a topic or a department ("?topics=3") tick it.
        return {
            name: [value for value in self.request.GET.getlist(name) if value.isdigit()]
            for name in ("topics", "departments")
        }

    def form_valid(self, form: SubscribeForm) -> HttpResponse:
        data = form.cleaned_data
        follow_services.subscription_request(
            email=data["email"],
            topic_ids=data["topics"],
            department_ids=data["departments"],
            language=get_language() or "pl",
            client=client_ip(self.request),
        )
        return render(
            self.request, "notifications/following/subscribe_done.html", {"email": data["email"]}
        )


class SubscriptionConfirmView(View):
    """The link from the confirmation mail opens a page with a button; only the button (a
    POST) confirms, since mail scanners and link previews fetch links with GET."""

    http_method_names = ["get", "head", "post"]
    template_name = "notifications/following/subscription_confirm.html"

    def _refused(self, error: ApplicationError) -> HttpResponse:
        return render(self.request, self.template_name, {"error": error.message}, status=400)

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        if read_confirm_token(token) is None:
            return self._refused(follow_services.InvalidLink())
        return render(request, self.template_name, {"confirm": True})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            subscription = follow_services.subscription_confirm(token=token)
        except ApplicationError as error:
            return self._refused(error)
        return render(request, self.template_name, {"confirmed": True, "email": subscription.email})


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """One click ends a subscription: the link opens a page whose button (a POST) ends it,
    and a mail client's RFC 8058 one-click POST (``List-Unsubscribe=One-Click``) ends it
    too, without a session or a CSRF token: the signed link is the proof."""

    http_method_names = ["get", "head", "post"]
    template_name = "notifications/following/unsubscribe.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        if read_unsubscribe_token(token) is None:
            error = follow_services.InvalidLink()
            return render(request, self.template_name, {"error": error.message}, status=400)
        return render(request, self.template_name, {"confirm": True})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            follow_services.subscription_cancel(token=token)
        except ApplicationError as error:
            return render(request, self.template_name, {"error": error.message}, status=400)
        return render(request, self.template_name, {"done": True})
