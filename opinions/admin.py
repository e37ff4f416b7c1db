"""The administration of the council, read-only.

Terms, members, positions, votes and requests change only through their services (the
pages and the API), so that every change is checked and audited; here they are read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.admin import ReadOnlyAdmin
from opinions.models import (
    Amendment,
    Ballot,
    Council,
    CouncilRequest,
    Position,
    PositionItem,
    Recusal,
    Term,
    TermMember,
    Vote,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin):
    list_display = ["name", "short_name", "numbering_scheme"]


class TermMemberInline(ReadOnlyInline):
    model = TermMember
    fields = ("user", "organisation", "office", "joined_on", "left_on", "co_opted")


@admin.register(Term)
class TermAdmin(ReadOnlyAdmin):
    list_display = ["name", "council", "starts_on", "ends_on", "majority_rule"]
    list_filter = ["council"]
    list_select_related = ["council"]
    inlines = [TermMemberInline]


class PositionItemInline(ReadOnlyInline):
    model = PositionItem
    fields = ("order", "text", "provision", "revision")


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ["subject", "kind", "status", "number", "year", "term", "updated_at"]
    list_filter = ["status", "kind", "term"]
    search_fields = ["subject"]
    list_select_related = ["term", "council"]
    inlines = [PositionItemInline]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["item", "proposed_by", "status", "proposed_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["item", "proposed_by", "decided_by"]


class BallotInline(ReadOnlyInline):
    model = Ballot
    fields = ("member", "choice", "cast_at", "recorded_by")


class RecusalInline(ReadOnlyInline):
    model = Recusal
    fields = ("member", "reason", "declared_by_member", "declared_at")
    readonly_fields = ("declared_at",)  # set on creation, not a form field


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["position", "mode", "opened_at", "deadline", "closed_at", "outcome"]
    list_filter = ["mode", "outcome"]
    list_select_related = ["position__council"]
    inlines = [BallotInline, RecusalInline]


@admin.register(CouncilRequest)
class CouncilRequestAdmin(ReadOnlyAdmin):
    list_display = ["subject", "organisation", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["organisation"]
