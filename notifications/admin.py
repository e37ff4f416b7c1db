"""Administrators see every delivery: what failed and the mail server's answer, filterable
by status and channel; and can put failed ones back in the queue."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import Delivery, DeliveryStatus, Event, Preference


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event",
        "email",
        "channel",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "channel", "category", "event__name"]
    search_fields = ["email", "event__name", "event__key", "last_error"]
    list_select_related = ["event"]
    date_hierarchy = "created_at"
    actions = ["requeue"]
    readonly_fields = [field.name for field in Delivery._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send the failed ones again"))
    def requeue(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        from core.tasks import enqueue_on_commit
        from notifications import tasks

        count = queryset.filter(status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.QUEUED, attempts=0, due_at=timezone.now()
        )
        enqueue_on_commit(tasks.sweep_now)
        self.message_user(
            request,
            ngettext("%d delivery queued again.", "%d deliveries queued again.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "created_at"]
    list_filter = ["name"]
    search_fields = ["name", "key"]
    readonly_fields = ["name", "key", "context", "link", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "mode"]
    list_filter = ["category", "mode"]
    raw_id_fields = ["user"]


# The e-mail subscriptions (notifications.following).
from notifications import follow_admin  # noqa: E402, F401
