"""The administration of legal acts.

Topics are reference data and are edited directly. Acts and versions change only through
their services (the pages and the API), so here they are read-only; withdrawing an act is
an action that calls the service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from acts import services
from acts.models import ActVersion, LegalAct, Topic
from core.admin import ReadOnlyAdmin
from core.views import SERVICE_ERRORS, error_messages


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ActVersionInline(admin.TabularInline):
    model = ActVersion
    extra = 0
    fields = ("number", "source_kind", "source_filename", "published_at", "change_note")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LegalAct)
class LegalActAdmin(ReadOnlyAdmin):
    list_display = ["title", "act_type", "department", "status", "updated_at"]
    list_filter = ["status", "act_type", "department__authority", "topics"]
    search_fields = ["title", "subject", "number"]
    list_select_related = ["department"]
    inlines = [ActVersionInline]
    actions = ["withdraw_selected"]

    @admin.action(description=_("Withdraw the selected acts"), permissions=["view"])
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet[LegalAct]) -> None:
        succeeded = 0
        for act in queryset:
            try:
                services.act_withdraw(act=act, actor=request.user)
            except SERVICE_ERRORS as error:
                for message in error_messages(error):
                    messages.error(request, f"{act}: {message}")
            else:
                succeeded += 1
        if succeeded:
            messages.success(
                request,
                ngettext("%(count)d act withdrawn.", "%(count)d acts withdrawn.", succeeded)
                % {"count": succeeded},
            )


@admin.register(ActVersion)
class ActVersionAdmin(ReadOnlyAdmin):
    list_display = ["act", "number", "source_kind", "published_at", "created_at"]
    list_filter = ["source_kind"]
    search_fields = ["act__title"]
    list_select_related = ["act"]
    exclude = ["source_text"]
