"""The consultation pages: the public list, detail, report and summary; the NGO's comment
form, receipt and list; the official's editor, moderation and answer table.

A selector reads, one service call changes (a new comment with its attachments and its
submission is one call of ``comment_create``: a refusal stores nothing). Domain errors are shown by
``core.views`` (at the form field, or as a message) and a refused form keeps what the user
typed. Anything the viewer may not see is a 404, as in the selectors; a page that needs an
account sends the public to log in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_ALT
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from accounts.viewer import Viewer, request_viewer
from acts import selectors as act_selectors
from acts.models import ActVersion, Provision
from consultations import permissions, selectors, services
from consultations.annotations import CommentAnnotation, annotate_comments
from consultations.exceptions import AnswerConflict, StaleEdit
from consultations.forms import (
    SUBMIT,
    AnswerFilterForm,
    AnswerForm,
    BulkAnswerForm,
    CommentEditForm,
    CommentForm,
    ConsultationExtendForm,
    ConsultationFilterForm,
    ConsultationForm,
    MeetingForm,
    ReasonForm,
)
from consultations.models import (
    Answer,
    Audience,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationAction,
    ConsultationPhase,
    Disposition,
)
from consultations.presenters import CommentFields, comment_fields_visible_to
from consultations.report import report_data
from consultations.selectors import pages as page_selectors
from consultations.services.consultations import local_date, local_time
from core.forms import form_errors_as_validation_error
from core.views import SERVICE_ERRORS, ServiceActionView, ServiceFormMixin, form_add_service_error

# The detail page shows this many comments beside each provision (and on the act as a
# whole); the others are a link away, on the page listing them all.
COMMENTS_SHOWN_UNFOLDED = 3
# The page listing every comment on one provision shows this many at a time.
COMMENTS_PER_PAGE = 50
# The detail page's section of comments on the act as a whole.
WHOLE_ACT_ANCHOR = "whole-act"


@dataclass
class CommentEntry:
    """A comment as the viewer sees it on the consultation page: which of its fields they
    read is ``presenters.comment_fields_visible_to``'s decision, the API's too."""

    comment: Comment
    fields: CommentFields
    may_edit: bool
    # Lines other apps add (``consultations.annotations``): the council positions that
    # took the comment in.
    annotations: list[CommentAnnotation] = field(default_factory=list)
    # When it was submitted, as the card writes it (``CardTime``); empty for a draft.
    submitted_on: str = ""
    # Its attachments (read with the comment: no query).
    attachments: list[Any] = field(default_factory=list)


@dataclass
class ProvisionRow:
    """A provision of the consulted text with the NGO and residents' comments beside it
    and, apart from them, the NGO council's items on it."""

    provision: Provision
    entries: list[CommentEntry] = field(default_factory=list)
    council_entries: list[CommentEntry] = field(default_factory=list)

    @property
    def comment_count(self) -> int:
        """The comments beside the provision the viewer may see, the council's left out
        (``comment_count`` counts them all, with the same visibility)."""
        return int(getattr(self.provision, "comment_count", 0)) - len(self.council_entries)

    @property
    def has_more(self) -> bool:
        """More comments than shown beside it: the page links to the list of them all."""
        return self.comment_count > len(self.entries)


@dataclass
class CouncilSectionView:
    """A submission of the NGO council and its items, as the viewer sees them."""

    submission: Any
    entries: list[CommentEntry]


@dataclass
class MyCommentRow:
    """A comment of the user's organisations (or their own) and what they may do with it."""

    comment: Comment
    phase: str
    fields: CommentFields
    may_edit: bool
    may_submit: bool
    may_withdraw: bool

    @property
    def still_open(self) -> bool:
        return ConsultationAction.WRITE_COMMENT in Consultation.ACTIONS[self.phase]


class ClockMixin:
    """``self.now``: one moment for the whole request, so every check agrees; and
    ``self.viewer``, the request's viewer, for the permission predicates."""

    request: HttpRequest

    @cached_property
    def now(self) -> dt.datetime:
        return timezone.now()

    @cached_property
    def viewer(self) -> Viewer:
        return request_viewer(self.request)


class ConsultationMixin(ClockMixin):
    """Loads ``self.consultation`` for the viewer (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    # The detail page shows the meetings, attachments and extensions too.
    with_related = False

    @cached_property
    def consultation(self) -> Consultation:
        return page_selectors.consultation_for_page(
            viewer=self.request.user, pk=self.kwargs["pk"], with_related=self.with_related
        )

    @cached_property
    def phase(self) -> str:
        return self.consultation.phase_at(self.now)

    def detail_url(self, anchor: str = "") -> str:
        url = reverse("consultations:detail", kwargs={"pk": self.consultation.pk})
        return f"{url}#{anchor}" if anchor else url


class ManageMixin(LoginRequiredMixin, ConsultationMixin):
    """Pages of the consultation's officials (its act's department) and administrators."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_manage_consultation(
            self.viewer, self.consultation
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CommentMixin(ClockMixin):
    """Loads ``self.comment`` for the viewer (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def comment(self) -> Comment:
        return selectors.comment_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def consultation(self) -> Consultation:
        return self.comment.consultation

    @cached_property
    def phase(self) -> str:
        return self.consultation.phase_at(self.now)

    def works_on_comment(self) -> bool:
        """The author, or a member of the comment's organisation: whether they may still
        change it is the services' question (the clock, the status)."""
        return permissions.is_own_comment(self.viewer, self.comment)

    def detail_url(self, anchor: str = "") -> str:
        url = reverse("consultations:detail", kwargs={"pk": self.consultation.pk})
        return f"{url}#{anchor}" if anchor else url


def comment_anchor(comment: Comment) -> str:
    return f"comment-{comment.pk}"


def _closed_message(consultation: Consultation, phase: str) -> str:
    if phase == ConsultationPhase.SCHEDULED:
        return _("The consultation has not started yet.")
    if phase == ConsultationPhase.CANCELLED:
        return _("The consultation was cancelled.")
    return _(
        "The consultation closed on %(date)s at %(time)s (Warsaw time); comments are no "
        "longer accepted."
    ) % {"date": local_date(consultation.ends_at), "time": local_time(consultation.ends_at)}


# --- Reading ----------------------------------------------------------------------------


class ConsultationListView(ClockMixin, ListView):
    template_name = "consultations/consultation_list.html"
    context_object_name = "consultations"
    paginate_by = 20

    @cached_property
    def filter_form(self) -> ConsultationFilterForm:
        return ConsultationFilterForm(self.request.GET)

    def get_queryset(self) -> Any:
        form = self.filter_form
        form.is_valid()  # an invalid filter value is ignored, the others still apply
        return selectors.consultation_list(
            viewer=self.request.user, filters={**getattr(form, "cleaned_data", {})}
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(
            filter_form=self.filter_form,
            filtered=any(self.request.GET.get(name) for name in self.filter_form.fields),
            closing_soon=list(selectors.consultations_closing_soon(now=self.now)),
            now=self.now,
            **kwargs,
        )
        for consultation in context["consultations"]:
            consultation.current_phase = consultation.phase_at(self.now)
        for consultation in context["closing_soon"]:
            consultation.current_phase = consultation.phase_at(self.now)
        return context


class ConsultationDetailView(ConsultationMixin, TemplateView):
    """The description, dates and forms, then the act's text with the comments beside each
    provision (those on the act as a whole first): the first ``COMMENTS_SHOWN_UNFOLDED`` of
    each, and a link to the page listing them all (``ProvisionCommentsView``) when there
    are more. The NGO council's items are all shown, in the council's section."""

    template_name = "consultations/consultation_detail.html"
    with_related = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        consultation = self.consultation
        now = self.now
        phase = self.phase
        provisions = list(
            selectors.consultation_provisions_with_counts(consultation=consultation, viewer=user)
        )
        shown = page_selectors.comments_shown_on_page(
            viewer=user, consultation=consultation, first=COMMENTS_SHOWN_UNFOLDED
        )
        comments = shown.comments
        can_manage = permissions.can_manage_consultation(self.viewer, consultation)
        entries = comment_entries(
            user=user, viewer=self.viewer, consultation=consultation, comments=comments, now=now
        )
        by_provision: dict[int | None, list[CommentEntry]] = defaultdict(list)
        for comment in comments:
            if comment.council_submission_id is None:
                by_provision[comment.provision_id].append(entries[comment.pk])
        council = [
            CouncilSectionView(
                submission=section.submission,
                entries=[entries[comment.pk] for comment in section.comments],
            )
            for section in page_selectors.council_sections(comments)
        ]
        council_by_provision: dict[int | None, list[CommentEntry]] = defaultdict(list)
        for section in council:
            for entry in section.entries:
                council_by_provision[entry.comment.provision_id].append(entry)
        rows = [
            ProvisionRow(
                provision=provision,
                entries=by_provision.get(provision.pk, []),
                council_entries=council_by_provision.get(provision.pk, []),
            )
            for provision in provisions
        ]
        return super().get_context_data(
            consultation=consultation,
            act=consultation.version.act,
            version=consultation.version,
            phase=phase,
            now=now,
            rows=rows,
            whole_act_entries=by_provision.get(None, []),
            whole_act_total=shown.whole_act_total,
            comment_total=shown.whole_act_total + sum(row.comment_count for row in rows),
            council_sections=council,
            return_url=self.detail_url(),
            can_comment=may_start_comment(self.viewer, consultation, now=now),
            can_manage=can_manage,
            # What the phase allows (``Consultation.ACTIONS``): the officials' buttons.
            actions=consultation.actions_at(now),
            meetings=list(consultation.meetings.all()),
            attachments=list(consultation.attachments.all()),
            **kwargs,
        )


def comment_entries(
    *,
    user: Any,
    viewer: Viewer,
    consultation: Consultation,
    comments: list[Comment],
    now: dt.datetime,
) -> dict[int, CommentEntry]:
    """The cards of these comments of ``consultation``, by comment id, as the viewer sees
    them, with the lines other apps add under the submitted NGO comments (one call for all
    of them, each annotator one query)."""
    for comment in comments:
        comment.consultation = consultation
    annotations = annotate_comments(
        viewer=user,
        comment_ids=[
            comment.pk
            for comment in comments
            if comment.council_submission_id is None and comment.status == CommentStatus.SUBMITTED
        ],
    )
    card_time = CardTime.current()
    return {
        comment.pk: CommentEntry(
            comment=comment,
            fields=comment_fields_visible_to(viewer, comment, now=now),
            may_edit=permissions.can_edit_comment(viewer, comment, now=now),
            annotations=annotations.get(comment.pk, []),
            submitted_on=card_time.format(comment.submitted_at),
            attachments=list(comment.attachments.all()),
        )
        for comment in comments
    }


@dataclass(frozen=True)
class CardTime:
    """Writes a moment as the template filter ``date:"j E Y, H:i:s"`` does, in the
    request's time zone and language (“5 marca 2026, 14:03:09”). Written out because the
    filter costs a card about 80 µs (it looks the time zone and the month's name up through
    the translation machinery on every call), a tenth of a page showing hundreds of cards;
    here they are looked up once (``CardTime.current()``)."""

    months: Mapping[int, str]
    zone: dt.tzinfo

    @classmethod
    def current(cls) -> CardTime:
        return cls(
            months={number: str(name) for number, name in MONTHS_ALT.items()},
            zone=timezone.get_current_timezone(),
        )

    def format(self, value: dt.datetime | None) -> str:
        """``value`` written out; empty for None (a draft was never submitted)."""
        if value is None:
            return ""
        local = value.astimezone(self.zone)
        return f"{local.day} {self.months[local.month]} {local.year:04d}, {local:%H:%M:%S}"


class ProvisionCommentsView(ConsultationMixin, TemplateView):
    """Every comment on one provision (or, without ``provision_pk``, on the act as a
    whole) that the viewer may see, a page at a time, with the cards of the consultation
    page; the link back leads to the provision on that page.

    ``?fragment=1`` answers with the page's cards only (no layout): the consultation page's
    script inserts them in place of its "Show all" link.
    """

    template_name = "consultations/provision_comments.html"
    fragment_template_name = "consultations/includes/comment_page_fragment.html"
    paginate_by = COMMENTS_PER_PAGE

    @cached_property
    def provision(self) -> Provision | None:
        if "provision_pk" not in self.kwargs:
            return None
        return page_selectors.provision_of_consultation(
            consultation=self.consultation, pk=self.kwargs["provision_pk"]
        )

    @property
    def is_fragment(self) -> bool:
        return self.request.GET.get("fragment") == "1"

    def get_template_names(self) -> list[str]:
        return [self.fragment_template_name if self.is_fragment else self.template_name]

    def page_url(self) -> str:
        consultation = self.consultation
        if self.provision is None:
            return reverse("consultations:whole_act_comments", kwargs={"pk": consultation.pk})
        return reverse(
            "consultations:provision_comments",
            kwargs={"pk": consultation.pk, "provision_pk": self.provision.pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        consultation = self.consultation
        provision = self.provision
        paginator = Paginator(
            page_selectors.comments_on(viewer=user, consultation=consultation, provision=provision),
            self.paginate_by,
        )
        page = paginator.get_page(self.request.GET.get("page"))
        comments = list(page.object_list)
        can_manage = permissions.can_manage_consultation(self.viewer, consultation)
        entries = comment_entries(
            user=user,
            viewer=self.viewer,
            consultation=consultation,
            comments=comments,
            now=self.now,
        )
        page_url = self.page_url()
        anchor = provision.anchor if provision is not None else WHOLE_ACT_ANCHOR
        return super().get_context_data(
            consultation=consultation,
            act=consultation.version.act,
            phase=self.phase,
            provision=provision,
            entries=[entries[comment.pk] for comment in comments],
            paginator=paginator,
            page_obj=page,
            next_count=(
                min(paginator.per_page, paginator.count - page.end_index())
                if page.has_next()
                else 0
            ),
            next_url=f"{page_url}?page={page.next_page_number()}" if page.has_next() else "",
            return_url=f"{page_url}?page={page.number}" if page.number > 1 else page_url,
            back_url=self.detail_url(anchor),
            can_comment=may_start_comment(self.viewer, consultation, now=self.now),
            can_manage=can_manage,
            **kwargs,
        )


def may_start_comment(viewer: Viewer, consultation: Consultation, *, now: dt.datetime) -> bool:
    """Whether to offer “Comment on this provision”: before the end, to a member of a
    verified organisation, or to a resident where the audience allows (no query beyond the
    viewer's memberships, read once)."""
    if not consultation.allows(ConsultationAction.WRITE_COMMENT, at=now):
        return False
    return bool(permissions.member_organisation_ids(viewer)) or permissions.can_comment(
        viewer, consultation, now=now
    )


class ConsultationReportView(ConsultationMixin, TemplateView):
    """The report's data after publication: every comment grouped by provision, with its
    answer, and the summary figures; CSV and JSON from the API."""

    template_name = "consultations/consultation_report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Public once published; those who run it preview it after the end.
        if not permissions.can_view_report(self.viewer, self.consultation, now=self.now):
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        data = report_data(consultation=self.consultation)
        return super().get_context_data(
            consultation=self.consultation,
            act=self.consultation.version.act,
            phase=self.phase,
            data=data,
            groups=page_selectors.report_groups(data),
            **kwargs,
        )


class ConsultationSummaryView(ConsultationMixin, TemplateView):
    """“We asked, you said, we did”: the figures, the answers per provision and the redline
    of the act's next version when there is one."""

    template_name = "consultations/consultation_summary.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.phase != ConsultationPhase.REPORT_PUBLISHED:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consultation = self.consultation
        summary = selectors.consultation_outcome_summary(consultation=consultation)
        return super().get_context_data(
            consultation=consultation,
            act=consultation.version.act,
            version=consultation.version,
            summary=summary,
            dispositions=[
                (value, label, summary.by_disposition.get(value, 0))
                for value, label in Disposition.choices
            ],
            **kwargs,
        )


# --- The official's editor --------------------------------------------------------------


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
        local = timezone.localtime(self.consultation.ends_at)
        return {"end_date": local.date() + dt.timedelta(days=7)}

    def perform(self, form: ConsultationExtendForm) -> HttpResponse:
        consultation = services.consultation_extend(
            consultation=self.consultation,
            actor=self.request.user,
            ends_at=form.cleaned_data["ends_at"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _("The consultation now closes on %(date)s at %(time)s. Everyone concerned is told.")
            % {"date": local_date(consultation.ends_at), "time": local_time(consultation.ends_at)},
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


# --- Comments ---------------------------------------------------------------------------


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
                messages.error(request, _closed_message(self.consultation, self.phase))
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

    def get_initial(self) -> dict[str, Any]:
        return {"proposed_wording": self.provision.text if self.provision else ""}

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
                    messages.error(request, _closed_message(self.consultation, self.phase))
                    return redirect("consultations:my_comments")
                if not permissions.can_edit_comment(self.viewer, comment, now=self.now):
                    # A member looking at a submitted comment: only representatives change it.
                    raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def can_submit(self) -> bool:
        comment = self.comment
        return comment.status == CommentStatus.DRAFT and permissions.may_act_for_comment(
            self.viewer, comment
        )

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
            messages.error(request, _closed_message(self.consultation, self.phase))
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


# --- Answers and the report -------------------------------------------------------------


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
        "The report is published. Everyone who commented is told; the data is open."
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
