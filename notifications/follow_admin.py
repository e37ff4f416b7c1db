"""Administrators see the e-mail subscriptions (to answer "is my address kept?") and can
delete one at its owner's request; nobody adds or edits them here: only the address's
owner subscribes, by the confirmation link."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from notifications.follow_models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "requested_at", "confirmed_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "language", "requested_at", "confirmed_at"]
    exclude = ["key"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
