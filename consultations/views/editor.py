"""The official's editor: a new consultation, its changes, scheduling, extending,
cancelling and its meetings."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from acts.models import ActVersion
from consultations import permissions, services
from consultations.forms import ConsultationExtendForm, ConsultationForm, MeetingForm, ReasonForm
from consultations.models import Audience, Consultation, ConsultationAction, ConsultationPhase
from consultations.selectors import pages as page_selectors
from consultations.views.shared import ClockMixin, ManageMixin
from core.dates import day_text, local_day, local_time
from core.forms import form_errors_as_validation_error
from core.views import ServiceActionView, ServiceFormMixin


class ConsultationCreateView(LoginRequiredMixin, ClockMixin, ServiceFormMixin, FormView):
    """A new consultation (a draft) on the published version ``?version=<id>``."""

    template_name = "consultations/consultation_form.html"
    form_class = ConsultationForm

    @cached_property
    def version(self) -> ActVersion:
        return page_selectors.version_for_consultation(
            viewer=self.request.user, pk=self.request.GET.get("version")
        )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.version  # noqa: B018 (Http404 when not an editor of a published version)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        act = self.version.act
        return {
            "title": _("Consultation of “%(title)s”") % {"title": act.title},
            "audience": Audience.ORGANISATIONS,
            "comment_visibility": "immediately",
            "justification_required": True,
            "max_attachments": 3,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(version=self.version, act=self.version.act, **kwargs)

    def perform(self, form: ConsultationForm) -> HttpResponse:
        data = form.cleaned_data
        consultation = services.consultation_create(
            actor=self.request.user,
            version=self.version,
            title=data["title"],
            description=data["description"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            audience=data["audience"],
            comment_visibility=data["comment_visibility"],
            justification_required=data["justification_required"],
            max_attachments=data["max_attachments"],
            attachments=data["attachments"],
        )
        messages.success(
            self.request,
            _("The consultation has been saved as a draft. Check it, then schedule it."),
        )
        return redirect("consultations:detail", pk=consultation.pk)


class ConsultationEditView(ManageMixin, ServiceFormMixin, FormView):
    template_name = "consultations/consultation_form.html"
    form_class = ConsultationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (
            request.user.is_authenticated
            and not self.consultation.allows(ConsultationAction.EDIT, at=self.now)
            and permissions.can_manage_consultation(self.viewer, self.consultation)
        ):
            messages.info(request, _("This consultation can no longer be changed."))
            return redirect(self.detail_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "editable": self.editable_form_fields()}

    def editable_form_fields(self) -> list[str] | None:
        """The form's fields the phase lets change (``Consultation.EDITABLE_FIELDS``, the
        service's table): None for all of them (the form has no version to change)."""
        fields = self.consultation.editable_fields_at(self.now)
        if fields >= Consultation.EDITABLE_FIELDS[ConsultationPhase.SCHEDULED]:
            return None
        return [*fields, "attachments"]

    def get_initial(self) -> dict[str, Any]:
        return ConsultationForm.initial_from(self.consultation)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consultation = self.consultation
        return super().get_context_data(
            consultation=consultation,
            version=consultation.version,
            act=consultation.version.act,
            phase=self.phase,
            meeting_form=MeetingForm(),
            meetings=list(consultation.meetings.all()),
            attachments=list(consultation.attachments.all()),
            **kwargs,
        )

    def perform(self, form: ConsultationForm) -> HttpResponse:
        consultation = self.consultation
        services.consultation_update(
            consultation=consultation,
            actor=self.request.user,
            attachments=form.cleaned_data.get("attachments") or [],
            **form.changed_service_fields(consultation),
        )
        messages.success(self.request, _("The consultation has been saved."))
        return redirect(self.detail_url())


class ConsultationActionView(ManageMixin, ServiceActionView):
    """A button of the official's that changes the consultation; back to its page."""

    def get_success_url(self) -> str:
        return self.detail_url()


class ConsultationScheduleView(ConsultationActionView):
    """GET asks for confirmation (no script needed); POST schedules."""

    http_method_names = ["get", "post"]
    success_message = gettext_lazy(
        "The consultation is scheduled. It opens and closes by itself at the dates shown."
    )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.consultation.allows(ConsultationAction.SCHEDULE, at=self.now):
            return redirect(self.detail_url())
        context = {"consultation": self.consultation, "act": self.consultation.version.act}
        return render(request, "consultations/consultation_schedule.html", context)

    def perform(self) -> None:
        services.consultation_schedule(consultation=self.consultation, actor=self.request.user)


class ConsultationReasonFormView(ManageMixin, ServiceFormMixin, FormView):
    """Extend or cancel: a form with a reason, on a page of its own (the confirmation)."""

    template_name = "consultations/consultation_action.html"
    heading: Any = ""
    button: Any = ""
    danger = False
    # The action the form is for, offered when the phase allows it (the service decides
    # on a POST), and what the official is told otherwise.
    action: ConsultationAction
    refusal: Any = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.consultation.allows(self.action, at=self.now):
            messages.error(request, self.refusal)
            return redirect(self.detail_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            consultation=self.consultation,
            act=self.consultation.version.act,
            phase=self.phase,
            heading=self.heading,
            button=self.button,
            danger=self.danger,
            **kwargs,
        )


class ConsultationExtendView(ConsultationReasonFormView):
    form_class = ConsultationExtendForm
    heading = gettext_lazy("Extend the consultation")
    button = gettext_lazy("Extend")
    action = ConsultationAction.EXTEND
    refusal = gettext_lazy("Only an open consultation can be extended.")

    def get_initial(self) -> dict[str, Any]:
        return {"end_date": local_day(self.consultation.ends_at) + dt.timedelta(days=7)}

    def perform(self, form: ConsultationExtendForm) -> HttpResponse:
        consultation = services.consultation_extend(
            consultation=self.consultation,
            actor=self.request.user,
            ends_at=form.cleaned_data["ends_at"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _(
                "The consultation now closes on %(date)s at %(time)s. The consultation's "
                "page shows the new end and the reason."
            )
            % {"date": day_text(consultation.ends_at), "time": local_time(consultation.ends_at)},
        )
        return redirect(self.detail_url())


class ConsultationCancelView(ConsultationReasonFormView):
    form_class = ReasonForm
    heading = gettext_lazy("Cancel the consultation")
    button = gettext_lazy("Cancel the consultation")
    danger = True
    action = ConsultationAction.CANCEL
    refusal = gettext_lazy("The consultation has ended, so it can no longer be cancelled.")

    def perform(self, form: ReasonForm) -> HttpResponse:
        services.consultation_cancel(
            consultation=self.consultation,
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, _("The consultation has been cancelled."))
        return redirect(self.detail_url())


class MeetingAddView(ConsultationActionView):
    success_message = gettext_lazy("The meeting has been added.")

    def perform(self) -> None:
        form = MeetingForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        services.meeting_add(
            consultation=self.consultation,
            actor=self.request.user,
            starts_at=form.cleaned_data["starts_at"],
            place=form.cleaned_data["place"],
            notes=form.cleaned_data["notes"],
        )

    def get_success_url(self) -> str:
        return reverse("consultations:edit", kwargs={"pk": self.consultation.pk})
