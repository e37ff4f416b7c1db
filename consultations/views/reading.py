"""The public pages: the list of consultations, a consultation with its text and the
comments beside each provision, the list of all comments on one provision, the report
and the summary."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_ALT
from django.views.generic import ListView, TemplateView

from accounts.viewer import Viewer
from acts import amendment_selectors
from acts.models import Provision
from consultations import permissions, selectors
from consultations.annotations import CommentAnnotation, annotate_comments
from consultations.forms import ConsultationFilterForm
from consultations.models import (
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
from consultations.views.shared import ClockMixin, ConsultationMixin

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
        amendments = amendment_selectors.version_amendments(
            act=consultation.version.act, provisions=provisions
        )
        amendment_selectors.attach_amendment_links(provisions, amendments)
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
            amendments=amendments,
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
