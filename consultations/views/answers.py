"""The officials' answers (the table, one answer, one answer to several comments) and
the publication of the report."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from consultations import permissions, selectors, services
from consultations.exceptions import AnswerConflict
from consultations.forms import AnswerFilterForm, AnswerForm, BulkAnswerForm
from consultations.models import Answer, Comment, ConsultationAction, ConsultationPhase, Disposition
from consultations.selectors import pages as page_selectors
from consultations.views.shared import CommentMixin, ManageMixin, comment_anchor
from core.forms import form_errors_as_validation_error
from core.views import SERVICE_ERRORS, ServiceActionView, ServiceFormMixin, form_add_service_error


class AnswerTableView(ManageMixin, TemplateView):
    """Every submitted comment with a form to answer it; several at once with the bulk
    form; the progress over the comments that need an answer (hidden ones need none)."""

    template_name = "consultations/consultation_answers.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consultation = self.consultation
        user = self.request.user
        rows = page_selectors.answerable_comments(viewer=user, consultation=consultation)
        filter_form = AnswerFilterForm(
            self.request.GET, provisions=page_selectors.provisions_of(rows)
        )
        filter_form.is_valid()  # an invalid filter value is ignored, the other still applies
        filters = getattr(filter_form, "cleaned_data", {})
        shown = page_selectors.filter_answerable(
            rows, provision=filters.get("provision"), state=filters.get("state")
        )
        may_answer = self.consultation.allows(ConsultationAction.ANSWER, at=self.now)
        for row in shown:
            row.form = AnswerForm(
                prefix=answer_prefix(row.comment), initial=answer_initial(row.answer)
            )
        progress = page_selectors.progress_of(rows)
        return super().get_context_data(
            consultation=consultation,
            act=consultation.version.act,
            phase=self.phase,
            rows=shown,
            total=progress.total,
            answered=progress.answered,
            unanswered=progress.remaining,
            filter_form=filter_form,
            filtered=any(self.request.GET.get(name) for name in filter_form.fields),
            may_answer=may_answer,
            bulk_form=BulkAnswerForm(prefix="bulk"),
            can_publish=permissions.can_publish_report(self.viewer, consultation, now=self.now),
            **kwargs,
        )


def answer_prefix(comment: Comment) -> str:
    """The prefix of a comment's answer form: unique in the table, and the same on the
    single answer page the row posts to."""
    return f"comment-{comment.pk}"


def answer_initial(answer: Answer | None) -> dict[str, Any]:
    if answer is None:
        return {}
    return {
        "disposition": answer.disposition,
        "justification": answer.justification,
        "revision": answer.revision,
    }


class AnswerView(LoginRequiredMixin, CommentMixin, ServiceFormMixin, FormView):
    """One answer: the table's row form posts here and returns to the table; a refused
    answer (or a conflict with a colleague's) is shown on this page with the text kept."""

    template_name = "consultations/consultation_answer.html"
    form_class = AnswerForm
    conflict: dict[str, Any] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_manage_consultation(
            self.viewer, self.consultation
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self) -> str:
        return answer_prefix(self.comment)

    @cached_property
    def answer(self) -> Answer | None:
        return page_selectors.answer_of(comment=self.comment)

    def get_initial(self) -> dict[str, Any]:
        return answer_initial(self.answer)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            comment=self.comment,
            consultation=self.consultation,
            act=self.consultation.version.act,
            answer=self.answer,
            conflict=self.conflict,
            **kwargs,
        )

    def form_valid(self, form: AnswerForm) -> HttpResponse:
        try:
            return self.perform(form)
        except AnswerConflict as error:
            form_add_service_error(form, error)
            self.conflict = dict(error.extra.get("current") or {})
            if self.conflict.get("disposition") in Disposition.values:
                self.conflict["disposition_display"] = Disposition(
                    self.conflict["disposition"]
                ).label
            revision = self.conflict.get("revision")
            if revision:
                form.data = {**form.data, form.add_prefix("revision"): str(revision)}
            return self.form_invalid(form)
        except SERVICE_ERRORS as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)

    def perform(self, form: AnswerForm) -> HttpResponse:
        services.answer_give(
            comment=self.comment,
            actor=self.request.user,
            disposition=form.cleaned_data["disposition"],
            justification=form.cleaned_data["justification"],
            expected_revision=form.cleaned_data.get("revision"),
        )
        messages.success(
            self.request,
            _("The answer to %(comment)s has been saved.") % {"comment": self.comment},
        )
        url = reverse("consultations:answers", kwargs={"pk": self.consultation.pk})
        query = self.request.GET.urlencode()
        return redirect(f"{url}{'?' + query if query else ''}#{comment_anchor(self.comment)}")


class AnswerBulkView(ManageMixin, ServiceActionView):
    """Answer the selected comments with one disposition and justification."""

    def perform(self) -> None:
        comments = [
            row.comment
            for row in page_selectors.answerable_comments(
                viewer=self.request.user, consultation=self.consultation
            )
            if row.answer is None
        ]
        form = BulkAnswerForm(
            self.request.POST, prefix="bulk", comment_ids=[comment.pk for comment in comments]
        )
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        selected = set(form.cleaned_data["comments"])
        answers = services.answer_give_bulk(
            comments=[comment for comment in comments if comment.pk in selected],
            actor=self.request.user,
            disposition=form.cleaned_data["disposition"],
            justification=form.cleaned_data["justification"],
        )
        messages.success(
            self.request,
            _("%(count)s comments have been answered.") % {"count": len(answers)},
        )

    def get_success_url(self) -> str:
        url = reverse("consultations:answers", kwargs={"pk": self.consultation.pk})
        query = self.request.GET.urlencode()
        return f"{url}?{query}" if query else url


class PublishReportView(ManageMixin, ServiceActionView):
    """GET asks for confirmation and shows what is left; POST publishes the report."""

    http_method_names = ["get", "post"]
    success_message = gettext_lazy(
        "The report is published on the consultation's page, with its open data."
    )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.phase == ConsultationPhase.REPORT_PUBLISHED:
            return redirect("consultations:report", pk=self.consultation.pk)
        if not self.consultation.allows(ConsultationAction.PUBLISH_REPORT, at=self.now):
            messages.error(
                request, _("The report can be published once the consultation has closed.")
            )
            return redirect(self.detail_url())
        progress = selectors.answer_progress(consultation=self.consultation)
        context = {
            "consultation": self.consultation,
            "act": self.consultation.version.act,
            "phase": self.phase,
            "total": progress.total,
            "answered": progress.answered,
            "unanswered": progress.remaining,
        }
        return render(request, "consultations/consultation_publish_report.html", context)

    def perform(self) -> None:
        services.report_publish(consultation=self.consultation, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse("consultations:report", kwargs={"pk": self.consultation.pk})

    def get_error_url(self) -> str:
        return reverse("consultations:publish_report", kwargs={"pk": self.consultation.pk})
