"""The audit log in the administration: readable by staff, changeable by nobody; the base
of the read-only model admins of the domain apps; and the legal pages, edited here.

Staff read each event as the API shows it to them (``core.audit_visibility``): a ballot of
an open vote or a draft comment's text stays withheld here too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.audit_visibility import Disclosed, disclose
from core.models import AuditEvent, LegalPage
from core.services import legal_page_update

_DISCLOSED = "_disclosed"


def _disclosed(event: AuditEvent) -> Disclosed | None:
    return getattr(event, _DISCLOSED, None)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "verb", "target_type", "object_name"]
    list_filter = ["verb", "target_type"]
    search_fields = ["verb", "target_repr", "actor__email", "actor__full_name"]
    list_select_related = ["actor", "target_type"]
    date_hierarchy = "at"
    fields = readonly_fields = (
        "at",
        "actor",
        "verb",
        "target_type",
        "target_id",
        "object_name",
        "disclosed_data",
        "withheld",
    )

    @admin.display(description=AuditEvent._meta.get_field("target_repr").verbose_name)
    def object_name(self, event: AuditEvent) -> str:
        disclosed = _disclosed(event)
        return disclosed.target_repr if disclosed is not None else ""

    @admin.display(description=AuditEvent._meta.get_field("data").verbose_name)
    def disclosed_data(self, event: AuditEvent) -> dict[str, Any]:
        disclosed = _disclosed(event)
        return disclosed.data if disclosed is not None else {}

    @admin.display(description=_("withheld"))
    def withheld(self, event: AuditEvent) -> str:
        disclosed = _disclosed(event)
        return ", ".join(disclosed.withheld) if disclosed is not None else ""

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        event = super().get_object(request, object_id, from_field)
        if event is not None:
            setattr(event, _DISCLOSED, disclose(request.user, [event])[event.pk])
        return event

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)
        events = list(changelist.result_list)
        disclosed = disclose(request.user, events)
        for event in events:
            setattr(event, _DISCLOSED, disclosed[event.pk])
        changelist.result_list = events
        return changelist

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """For models that change only through their services: listed and shown, never
    added, changed or deleted here (actions call the services)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    """The privacy notice and the accessibility statement: administrators change their
    title and text (through ``legal_page_update``, audited); the pages are seeded, never
    added or deleted here."""

    list_display = ["title", "kind", "updated_at", "updated_by"]
    fields = ["kind", "title", "body", "updated_at", "updated_by"]
    readonly_fields = ["kind", "updated_at", "updated_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: LegalPage, form: Any, change: bool) -> None:
        legal_page_update(
            page=obj,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            actor=request.user,
        )

    def view_on_site(self, obj: LegalPage) -> str:
        return reverse(obj.kind)
