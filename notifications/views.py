"""The notifications' pages: the inbox, the preferences, and the one-click unsubscribe."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView, ListView

from core.views import ServiceActionView, ServiceFormMixin
from notifications import selectors, services, unsubscribe
from notifications.categories import Category
from notifications.forms import PreferencesForm
from notifications.sending import render_item


class SignedInMixin(LoginRequiredMixin):
    """Login required; past it, ``self.user`` is the signed-in user."""

    request: HttpRequest

    @property
    def user(self) -> Any:
        return self.request.user


@csrf_exempt  # the signed token is the authority; mail clients POST without a session
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link turns off and a button; POST (the button, or a mail client's
    ``List-Unsubscribe=One-Click``) turns the category's e-mails off: inbox only."""
    found = unsubscribe.read_token(token)
    user: Any = None
    if found is not None:
        user_id, category = found
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    known = [*Category.values, unsubscribe.EVERY_DIGEST]
    if user is None or found is None or found[1] not in known:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    if category == unsubscribe.EVERY_DIGEST:
        label: Any = _("the daily digest")
    else:
        label = Category(category).label
    context: dict[str, Any] = {"category": label, "email": user.email}
    if request.method == "POST":
        services.notifications_unsubscribe(user=user, category=category)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)


class InboxView(SignedInMixin, ListView):
    """``/notifications/``: the user's notifications, newest first, with mark-read and
    mark-all-read buttons (plain POST forms)."""

    template_name = "notifications/inbox.html"
    paginate_by = 30
    context_object_name = "notifications"

    def get_queryset(self) -> Any:
        return selectors.inbox_for(user_id=self.user.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        language = translation.get_language()
        # On the page an item links to its path on the site being read: ``SITE_URL`` (the
        # mails' absolute links) may name another host, where the reader has no session.
        context["items"] = [
            {"notification": row, **render_item(row, language=language), "link": row.event.link}
            for row in context["notifications"]
        ]
        return context


class NotificationReadView(SignedInMixin, ServiceActionView):
    def perform(self) -> HttpResponse | None:
        services.notification_mark_read(user=self.user, notification_id=self.kwargs["pk"])
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}
        ):
            return HttpResponseRedirect(target)
        return None

    def get_success_url(self) -> str:
        return reverse("notifications:inbox")


class NotificationReadAllView(SignedInMixin, ServiceActionView):
    success_message = gettext_lazy("All notifications are marked read.")

    def perform(self) -> HttpResponse | None:
        services.notifications_mark_all_read(user=self.user)
        return None

    def get_success_url(self) -> str:
        return reverse("notifications:inbox")


class PreferencesView(SignedInMixin, ServiceFormMixin, FormView):
    """``/notifications/preferences/``: at once, daily digest or inbox only per category."""

    template_name = "notifications/preferences.html"
    form_class = PreferencesForm

    def get_initial(self) -> dict[str, Any]:
        return selectors.preferences_for(user_id=self.user.pk)

    def perform(self, form: PreferencesForm) -> HttpResponse:
        for category, mode in form.cleaned_data.items():
            services.preference_set(user=self.user, category=category, mode=mode)
        messages.success(self.request, _("Your notification settings have been saved."))
        return redirect("notifications:preferences")
