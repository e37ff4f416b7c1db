"""The administration of people, departments and organisations.

Reference data (authorities, departments, areas, posts) is edited directly. Organisations and
memberships change only through their services: their decisions are admin actions, and
saving an organisation's details calls ``organisation_update``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services
from accounts.forms import OrganisationRejectForm
from accounts.models import (
    ActivityArea,
    Authority,
    Department,
    Membership,
    OfficialPost,
    Organisation,
    User,
)
from core.admin import ReadOnlyAdmin
from core.views import SERVICE_ERRORS, error_messages

# --- People -----------------------------------------------------------------------------


class UserCreationForm(AdminUserCreationForm):
    """An account made by an administrator (an official's, another administrator's): the
    administrator vouches for the address, so it is confirmed at once."""

    class Meta:
        model = User
        fields = ("email", "full_name", "language")

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
        if commit:
            user.save()
            self.save_m2m()
        return user


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class OfficialPostInline(admin.TabularInline):
    model = OfficialPost
    extra = 0
    autocomplete_fields = ["department"]
    fields = ["department", "job_title", "is_active"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    inlines = [OfficialPostInline]
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "email_verified_at"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Personal details"),
            {"fields": ("full_name", "language", "grammatical_gender", "email_verified_at")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


# --- The city ---------------------------------------------------------------------------


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    fields = ["name", "symbol"]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code"]
    search_fields = ["name", "code"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "symbol", "authority"]
    list_filter = ["authority"]
    search_fields = ["name", "symbol"]
    list_select_related = ["authority"]


@admin.register(OfficialPost)
class OfficialPostAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "job_title", "is_active"]
    list_filter = ["is_active", "department"]
    search_fields = ["user__email", "user__full_name", "department__name"]
    autocomplete_fields = ["user", "department"]
    list_select_related = ["user", "department"]


@admin.register(ActivityArea)
class ActivityAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# --- Organisations ----------------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    # The admin site lets in only signed-in staff.
    assert isinstance(request.user, User)
    return request.user


def _run_for_each(request: HttpRequest, queryset: QuerySet[Any], call: Any, done: Any) -> None:
    """Call a service for each selected object; report successes and each refusal."""
    succeeded = 0
    for obj in queryset:
        try:
            call(obj)
        except SERVICE_ERRORS as error:
            for message in error_messages(error):
                messages.error(request, f"{obj}: {message}")
        else:
            succeeded += 1
    if succeeded:
        messages.success(request, done(succeeded))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "city", "krs", "nip", "status", "created_at"]
    list_filter = ["status", "legal_form", "areas"]
    search_fields = ["name", "krs", "nip", "regon", "city", "email"]
    filter_horizontal = ["areas"]
    readonly_fields = [
        "status",
        "rejection_reason",
        "decided_by",
        "decided_at",
        "registered_by",
        "created_at",
        "updated_at",
    ]
    actions = ["verify_selected", "reject_selected"]
    fieldsets = (
        (None, {"fields": ("name", "legal_form", "krs", "nip", "regon")}),
        (
            _("Address and contact"),
            {"fields": ("street", "postal_code", "city", "email", "website")},
        ),
        (_("Activity"), {"fields": ("description", "areas")}),
        (
            _("Verification"),
            {
                "fields": (
                    "status",
                    "rejection_reason",
                    "decided_by",
                    "decided_at",
                    "registered_by",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Organisations register themselves on the site; their registrant represents them.
        return False

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        data = {field: form.cleaned_data[field] for field in services.ORGANISATION_FIELDS}
        services.organisation_update(
            organisation=obj, actor=_actor(request), areas=list(form.cleaned_data["areas"]), **data
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The areas were set by organisation_update; only the inlines (none today) remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Verify the selected organisations"))
    def verify_selected(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        _run_for_each(
            request,
            queryset,
            lambda organisation: services.organisation_verify(
                organisation=organisation, actor=_actor(request)
            ),
            lambda count: (
                ngettext(
                    "%(count)d organisation verified.", "%(count)d organisations verified.", count
                )
                % {"count": count}
            ),
        )

    @admin.action(description=_("Reject the selected organisations…"))
    def reject_selected(
        self, request: HttpRequest, queryset: QuerySet[Organisation]
    ) -> HttpResponse | None:
        """Asks for the reason on an intermediate page, then rejects each organisation."""
        form = OrganisationRejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            _run_for_each(
                request,
                queryset,
                lambda organisation: services.organisation_reject(
                    organisation=organisation, actor=_actor(request), reason=reason
                ),
                lambda count: (
                    ngettext(
                        "%(count)d organisation rejected.",
                        "%(count)d organisations rejected.",
                        count,
                    )
                    % {"count": count}
                ),
            )
            return None
        return TemplateResponse(
            request,
            "admin/accounts/organisation/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject organisations"),
                "opts": self.model._meta,
                "organisations": queryset,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Read-only list; decisions go through the membership services as actions."""

    list_display = ["user", "organisation", "role", "status", "created_at", "decided_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    actions = ["approve_selected", "decline_selected", "revoke_selected"]

    def _done(self, count: int) -> str:
        return ngettext(
            "%(count)d membership changed.", "%(count)d memberships changed.", count
        ) % {"count": count}

    @admin.action(description=_("Approve the selected requests"), permissions=["view"])
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_for_each(
            request,
            queryset,
            lambda membership: services.membership_approve(
                membership=membership, actor=_actor(request)
            ),
            self._done,
        )

    @admin.action(description=_("Decline the selected requests"), permissions=["view"])
    def decline_selected(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_for_each(
            request,
            queryset,
            lambda membership: services.membership_decline(
                membership=membership, actor=_actor(request)
            ),
            self._done,
        )

    @admin.action(description=_("End the selected memberships"), permissions=["view"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_for_each(
            request,
            queryset,
            lambda membership: services.membership_revoke(
                membership=membership, actor=_actor(request)
            ),
            self._done,
        )
