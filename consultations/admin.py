"""The administration of consultations, comments and answers.

Minimum durations are reference data and are edited directly. Consultations, comments and
answers change only through their services (the pages and the API), so here they are
read-only; hiding a comment and answering are actions that call the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template import RequestContext, Template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultations import services
from consultations.models import (
    Answer,
    Comment,
    CommentAttachment,
    CommentVersion,
    Consultation,
    ConsultationExtension,
    ConsultationPhase,
    Disposition,
    Meeting,
    MinimumDuration,
)
from core.admin import ReadOnlyAdmin
from core.views import SERVICE_ERRORS, error_messages

# The minimum durations are configuration and edited here. Consultations, comments and
# answers change only through their services: read-only here, with moderation and
# answering as actions that call ``comment_hide``, ``comment_unhide`` and ``answer_give``.


@admin.register(MinimumDuration)
class MinimumDurationAdmin(admin.ModelAdmin):
    list_display = ["act_type", "days", "working_days"]


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ("starts_at", "place", "notes")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ExtensionInline(admin.TabularInline):
    model = ConsultationExtension
    extra = 0
    fields = ("previous_ends_at", "new_ends_at", "reason", "extended_by", "extended_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["title", "phase_now", "starts_at", "ends_at", "audience"]
    list_filter = ["status", "audience", "version__act__department"]
    search_fields = ["title", "version__act__title"]
    list_select_related = ["version__act"]
    inlines = [MeetingInline, ExtensionInline]

    @admin.display(description=_("phase"))
    def phase_now(self, consultation: Consultation) -> str:
        return str(ConsultationPhase(consultation.phase).label)


class CommentAttachmentInline(admin.TabularInline):
    model = CommentAttachment
    extra = 0
    fields = ("name", "content_type", "size", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CommentVersionInline(admin.TabularInline):
    model = CommentVersion
    extra = 0
    can_delete = False  # the record of what was submitted
    fields = ("number", "created_at", "provision", "proposed_wording", "justification", "edited_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to the public"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=Disposition.choices)
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 4})
    )


# An action's second step (the reason, the answer) without a template of its own.
_ACTION_FORM = Template(
    """{% extends "admin/base_site.html" %}{% load i18n %}
{% block content %}<form method="post">{% csrf_token %}
<p>{{ intro }}</p><ul>{% for comment in comments %}<li>{{ comment }}</li>{% endfor %}</ul>
{{ form.as_p }}
{% for comment in comments %}
<input type="hidden" name="_selected_action" value="{{ comment.pk }}">{% endfor %}
<input type="hidden" name="action" value="{{ action }}">
<input type="submit" name="apply" value="{% translate 'Confirm' %}">
</form>{% endblock %}"""
)


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "consultation",
        "organisation",
        "provision",
        "status",
        "submitted_at",
        "is_hidden",
    ]
    list_filter = ["status", ("hidden_at", admin.EmptyFieldListFilter)]
    search_fields = ["tracking_number", "organisation__name", "consultation__title"]
    list_select_related = ["consultation", "organisation", "provision"]
    inlines = [CommentVersionInline, CommentAttachmentInline]
    actions = ["hide_selected", "unhide_selected", "answer_selected"]

    @admin.display(boolean=True, description=_("hidden"))
    def is_hidden(self, comment: Comment) -> bool:
        return comment.is_hidden

    def _second_step(
        self,
        request: HttpRequest,
        queryset: QuerySet[Comment],
        form_class: type[forms.Form],
        action: str,
        intro: Any,
        perform: Any,
    ) -> HttpResponse | None:
        form = form_class(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            _run_each(request, queryset, lambda comment: perform(comment, form.cleaned_data))
            return None
        context = RequestContext(
            request,
            {
                **self.admin_site.each_context(request),
                "title": intro,
                "intro": intro,
                "comments": list(queryset),
                "form": form,
                "action": action,
            },
        )
        return HttpResponse(_ACTION_FORM.render(context))

    @admin.action(description=_("Hide the selected comments, with a reason"), permissions=["view"])
    def hide_selected(
        self, request: HttpRequest, queryset: QuerySet[Comment]
    ) -> HttpResponse | None:
        return self._second_step(
            request,
            queryset,
            HideForm,
            "hide_selected",
            _("Hide these comments"),
            lambda comment, data: services.comment_hide(
                comment=comment, actor=request.user, reason=data["reason"]
            ),
        )

    @admin.action(description=_("Show the selected comments again"), permissions=["view"])
    def unhide_selected(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        _run_each(
            request,
            queryset,
            lambda comment: services.comment_unhide(comment=comment, actor=request.user),
        )

    @admin.action(description=_("Answer the selected comments"), permissions=["view"])
    def answer_selected(
        self, request: HttpRequest, queryset: QuerySet[Comment]
    ) -> HttpResponse | None:
        return self._second_step(
            request,
            queryset,
            AnswerForm,
            "answer_selected",
            _("Answer these comments"),
            lambda comment, data: services.answer_give(
                comment=comment,
                actor=request.user,
                disposition=data["disposition"],
                justification=data["justification"],
            ),
        )


def _run_each(request: HttpRequest, queryset: QuerySet[Comment], perform: Any) -> None:
    succeeded = 0
    for comment in queryset.select_related("consultation__version__act"):
        try:
            perform(comment)
        except SERVICE_ERRORS as error:
            for message in error_messages(error):
                messages.error(request, f"{comment}: {message}")
        else:
            succeeded += 1
    if succeeded:
        messages.success(
            request,
            ngettext("%(count)d comment done.", "%(count)d comments done.", succeeded)
            % {"count": succeeded},
        )


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["comment", "disposition", "answered_by", "answered_at", "revision"]
    list_filter = ["disposition"]
    list_select_related = ["comment", "answered_by"]
