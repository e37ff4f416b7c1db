"""The notifications' pages: the inbox, the preferences, and the one-click unsubscribe."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications import services, unsubscribe
from notifications.categories import Category
from notifications.models import Mode


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
    if user is None or found is None or found[1] not in Category.values:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    label = Category(category).label
    context: dict[str, Any] = {"category": label, "email": user.email}
    if request.method == "POST":
        services.preference_set(user=user, category=category, mode=Mode.INBOX_ONLY)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)
