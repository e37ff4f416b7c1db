"""The NGO's comments: the form (written, with attachments, and submitted in one
service call), editing, submitting, the receipt, withdrawing and the list of one's own;
moderation by the officials (hiding and showing again)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from acts import selectors as act_selectors
from acts.models import Provision
from consultations import permissions, selectors, services
from consultations.exceptions import StaleEdit
from consultations.forms import SUBMIT, CommentEditForm, CommentForm, ReasonForm
from consultations.models import Comment, CommentStatus, Consultation, ConsultationAction
from consultations.presenters import CommentFields, comment_fields_visible_to
from consultations.views.shared import (
    ClockMixin,
    CommentMixin,
    ConsultationMixin,
    closed_message,
    comment_anchor,
)
from core.exceptions import NotAllowed
from core.views import SERVICE_ERRORS, ServiceActionView, ServiceFormMixin, form_add_service_error


@dataclass
class MyCommentRow:
    """A comment of the user's organisations (or their own) and what they may do with it."""

    comment: Comment
    phase: str
    fields: CommentFields
    may_edit: bool
    may_submit: bool
    may_withdraw: bool
    may_delete: bool = False

    @property
    def still_open(self) -> bool:
        return ConsultationAction.WRITE_COMMENT in Consultation.ACTIONS[self.phase]


class CommentCreateView(LoginRequiredMixin, ConsultationMixin, ServiceFormMixin, FormView):
    """A new comment on ``?provision=<id>`` (or on the act as a whole), saved as a draft or
    submitted at once. Whether the consultation still accepts it is the services' question,
    so a late submission comes back with the deadline and the text kept."""

    template_name = "consultations/comment_form.html"
    form_class = CommentForm

    @cached_property
    def provision(self) -> Provision | None:
        pk = self.request.GET.get("provision")
        if not pk:
            return None
        return act_selectors.provision_get_for(
            viewer=self.request.user, version=self.consultation.version, pk=pk
        )

    @cached_property
    def drafting(self) -> list[Any]:
        """The verified organisations the user may draft for."""
        return list(account_selectors.organisations_of_member(user=self.request.user))

    @cached_property
    def representing(self) -> frozenset[int]:
        return permissions.represented_organisation_ids(self.viewer)

    @cached_property
    def own_name(self) -> bool:
        """A resident's own comment, where the audience allows (not for those who run the
        consultation). The clock is the services' to check, so a late form keeps its text."""
        user = self.request.user
        return (
            account_permissions.is_authenticated(user)
            and permissions.residents_may_comment(self.consultation)
            and not permissions.can_manage_consultation(self.viewer, self.consultation)
        )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.provision  # noqa: B018 (Http404 for a provision of another version)
            if not self.drafting and not self.own_name:
                raise Http404
            if request.method == "GET" and not self.consultation.allows(
                ConsultationAction.WRITE_COMMENT, at=self.now
            ):
                messages.error(request, closed_message(self.consultation, self.phase))
                return redirect(self.detail_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "consultation": self.consultation,
            "drafting": self.drafting,
            "representing": self.representing,
            "own_name": self.own_name,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            consultation=self.consultation,
            act=self.consultation.version.act,
            provision=self.provision,
            phase=self.phase,
            **kwargs,
        )

    def perform(self, form: CommentForm) -> HttpResponse:
        user = self.request.user
        organisation_pk = form.organisation_pk()
        organisation = next((item for item in self.drafting if item.pk == organisation_pk), None)
        comment = services.comment_create(
            consultation=self.consultation,
            actor=user,
            organisation=organisation,
            provision=self.provision,
            proposed_wording=form.cleaned_data["proposed_wording"],
            justification=form.cleaned_data["justification"],
            attachments=form.cleaned_data.get("attachments") or [],
            submit=form.action == SUBMIT,
        )
        if comment.status == CommentStatus.SUBMITTED:
            return redirect("consultations:comment_receipt", pk=comment.pk)
        messages.success(
            self.request,
            _("Your draft has been saved. It is not submitted yet.")
            if form.organisation_pk() is None or organisation_pk in self.representing
            else _("Your draft has been saved. Your organisation's representative can submit it."),
        )
        return redirect("consultations:my_comments")


class CommentEditView(LoginRequiredMixin, CommentMixin, FormView):
    """Change a comment (draft or submitted) until the end. ``revision`` guards against a
    second person's save: a stale edit shows the current text and keeps the user's own."""

    template_name = "consultations/comment_form.html"
    form_class = CommentEditForm
    conflict: dict[str, Any] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            comment = self.comment
            if not self.works_on_comment() or comment.status == CommentStatus.WITHDRAWN:
                raise Http404
            if request.method == "GET":
                if not self.consultation.allows(ConsultationAction.WRITE_COMMENT, at=self.now):
                    messages.error(request, closed_message(self.consultation, self.phase))
                    return redirect("consultations:my_comments")
                if not permissions.can_edit_comment(self.viewer, comment, now=self.now):
                    # A member looking at a submitted comment: only representatives change it.
                    raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def can_submit(self) -> bool:
        # A draft's submitter, or one who may change the submitted comment (its button
        # saves it): the same people, ``may_act_for_comment``.
        return permissions.may_act_for_comment(self.viewer, self.comment)

    def get_form_kwargs(self) -> dict[str, Any]:
        comment = self.comment
        existing = len(comment.attachments.all())
        return {
            **super().get_form_kwargs(),
            "consultation": self.consultation,
            "can_submit": self.can_submit,
            "attachments_left": max(self.consultation.max_attachments - existing, 0),
        }

    def get_initial(self) -> dict[str, Any]:
        comment = self.comment
        return {
            "proposed_wording": comment.proposed_wording,
            "justification": comment.justification,
            "revision": comment.revision,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        comment = self.comment
        return super().get_context_data(
            consultation=self.consultation,
            act=self.consultation.version.act,
            provision=comment.provision,
            comment=comment,
            phase=self.phase,
            conflict=self.conflict,
            **kwargs,
        )

    def form_valid(self, form: CommentEditForm) -> HttpResponse:
        try:
            return self.perform(form)
        except StaleEdit as error:
            form_add_service_error(form, error)
            self.conflict = dict(error.extra.get("current") or {})
            # The user's text stays in the form; saving again, knowingly, replaces the
            # other version (the page shows it), so the form now carries its revision.
            if self.conflict.get("revision"):
                form.data = {**form.data, "revision": str(self.conflict["revision"])}
            return self.form_invalid(form)
        except SERVICE_ERRORS as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)

    def perform(self, form: CommentEditForm) -> HttpResponse:
        was_draft = self.comment.status == CommentStatus.DRAFT
        comment = services.comment_update(
            comment=self.comment,
            actor=self.request.user,
            expected_revision=form.cleaned_data["revision"],
            proposed_wording=form.cleaned_data["proposed_wording"],
            justification=form.cleaned_data["justification"],
            attachments=form.cleaned_data.get("attachments") or [],
            submit=form.action == SUBMIT,
        )
        if was_draft and comment.status == CommentStatus.SUBMITTED:
            return redirect("consultations:comment_receipt", pk=comment.pk)
        messages.success(self.request, _("The comment has been saved."))
        return redirect("consultations:my_comments")


class CommentSubmitView(LoginRequiredMixin, CommentMixin, ServiceActionView):
    """Submit a saved draft (a button on “my comments”); the receipt follows."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.works_on_comment():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def perform(self) -> HttpResponse:
        comment = services.comment_submit(comment=self.comment, actor=self.request.user)
        return redirect("consultations:comment_receipt", pk=comment.pk)

    def get_success_url(self) -> str:
        return reverse("consultations:comment_receipt", kwargs={"pk": self.comment.pk})

    def get_error_url(self) -> str:
        return reverse("consultations:my_comments")


class CommentReceiptView(LoginRequiredMixin, CommentMixin, TemplateView):
    """The confirmation of a submission: tracking number, the time to the second."""

    template_name = "consultations/comment_receipt.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and (
            not self.works_on_comment() or self.comment.status != CommentStatus.SUBMITTED
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        comment = self.comment
        return super().get_context_data(
            comment=comment,
            consultation=self.consultation,
            act=self.consultation.version.act,
            phase=self.phase,
            comment_anchor=comment_anchor(comment),
            **kwargs,
        )


class CommentVersionsView(CommentMixin, TemplateView):
    """Every submitted wording of a comment, with its time: what changed after submission.
    Shown to whoever reads the comment's text (``presenters``); 404 to anyone else."""

    template_name = "consultations/comment_versions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        comment = self.comment
        fields = comment_fields_visible_to(self.viewer, comment, now=self.now)
        try:
            versions = selectors.comment_versions_for(viewer=self.viewer, comment=comment)
        except NotAllowed:
            raise Http404 from None
        return super().get_context_data(
            comment=comment,
            consultation=self.consultation,
            act=self.consultation.version.act,
            provision=comment.provision,
            fields=fields,
            versions=list(reversed(versions)),  # newest first
            comment_anchor=comment_anchor(comment),
            **kwargs,
        )


class CommentWithdrawView(LoginRequiredMixin, CommentMixin, ServiceActionView):
    """GET asks for confirmation; POST withdraws (until the end)."""

    http_method_names = ["get", "post"]
    success_message = gettext_lazy("The comment has been withdrawn.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and (
            not self.works_on_comment() or self.comment.status == CommentStatus.WITHDRAWN
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.consultation.allows(ConsultationAction.WITHDRAW_COMMENT, at=self.now):
            messages.error(request, closed_message(self.consultation, self.phase))
            return redirect("consultations:my_comments")
        if not permissions.can_withdraw_comment(self.viewer, self.comment, now=self.now):
            raise Http404
        context = {
            "comment": self.comment,
            "consultation": self.consultation,
            "act": self.consultation.version.act,
            "phase": self.phase,
        }
        return render(request, "consultations/comment_withdraw.html", context)

    def perform(self) -> None:
        services.comment_withdraw(comment=self.comment, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse("consultations:my_comments")


class CommentDeleteView(LoginRequiredMixin, CommentMixin, ServiceActionView):
    """GET asks for confirmation; POST deletes the draft (its author, or a representative
    of its organisation). Submitted comments are withdrawn instead."""

    http_method_names = ["get", "post"]
    success_message = gettext_lazy("The draft has been deleted.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_delete_comment(
            self.viewer, self.comment
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = {
            "comment": self.comment,
            "consultation": self.consultation,
            "act": self.consultation.version.act,
            "phase": self.phase,
        }
        return render(request, "consultations/comment_delete.html", context)

    def perform(self) -> None:
        services.comment_delete(comment=self.comment, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse("consultations:my_comments")

    def get_error_url(self) -> str:
        return reverse("consultations:my_comments")


class MyCommentsView(LoginRequiredMixin, ClockMixin, TemplateView):
    """Drafts and submitted comments of the user's organisations (and their own), across
    consultations, with the answers once published."""

    template_name = "consultations/comment_mine.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        now = self.now

        def row(comment: Comment) -> MyCommentRow:
            phase = comment.consultation.phase_at(now)
            return MyCommentRow(
                comment=comment,
                phase=phase,
                fields=comment_fields_visible_to(self.viewer, comment, now=now),
                may_edit=permissions.can_edit_comment(self.viewer, comment, now=now),
                may_submit=permissions.can_submit_comment(self.viewer, comment, now=now),
                may_withdraw=permissions.can_withdraw_comment(self.viewer, comment, now=now),
                may_delete=permissions.can_delete_comment(self.viewer, comment),
            )

        return super().get_context_data(
            drafts=[row(comment) for comment in selectors.comment_drafts_for(user=user)],
            submitted=[
                row(comment)
                for comment in selectors.comments_submitted_by_organisations_of(user=user)
            ],
            **kwargs,
        )


# --- Moderation -------------------------------------------------------------------------


class CommentModerationMixin(LoginRequiredMixin, CommentMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_hide_comment(
            self.viewer, self.comment
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def return_url(self) -> str:
        """Back to the comment on the page its form was on (``next``: the consultation page
        or the list of a provision's comments), the consultation page otherwise."""
        anchor = comment_anchor(self.comment)
        url = self.request.POST.get("next", "")
        if url.startswith("/") and url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return f"{url.partition('#')[0]}#{anchor}"
        return self.detail_url(anchor)


class CommentHideView(CommentModerationMixin, ServiceFormMixin, FormView):
    """Hide with a reason: the comment stays in the record, its content leaves the page."""

    template_name = "consultations/comment_hide.html"
    form_class = ReasonForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            comment=self.comment,
            consultation=self.consultation,
            act=self.consultation.version.act,
            **kwargs,
        )

    def perform(self, form: ReasonForm) -> HttpResponse:
        services.comment_hide(
            comment=self.comment, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("The comment has been hidden. The reason is shown."))
        return redirect(self.return_url())


class CommentUnhideView(CommentModerationMixin, ServiceActionView):
    success_message = gettext_lazy("The comment is shown again.")

    def perform(self) -> None:
        services.comment_unhide(comment=self.comment, actor=self.request.user)

    def get_success_url(self) -> str:
        return self.return_url()
