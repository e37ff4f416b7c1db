"""Reads that only the consultation pages need, built on the domain's selectors.

Kept apart from ``consultations.selectors.consultations``/``comments`` (the domain's): each
function here either shapes what a selector returned for a page (groups, figures, filters)
or is a read the pages need and the domain does not offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404

from acts import selectors as act_selectors
from acts.models import ActVersion, LegalAct, Provision
from consultations import permissions
from consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationExtension,
    CouncilSubmission,
)
from consultations.report import ReportComment, ReportData
from consultations.selectors import comments as comment_selectors
from consultations.selectors import consultations as consultation_selectors


def answer_of(*, comment: Comment) -> Answer | None:
    """The comment's answer, or None (from the comment's cache when it was selected)."""
    try:
        return comment.answer
    except ObjectDoesNotExist:
        return None


def version_for_consultation(*, viewer: Any, pk: Any) -> ActVersion:
    """A published version the viewer may start a consultation on (``?version=<id>``);
    Http404 otherwise, as for anything the viewer may not use."""
    try:
        version = (
            ActVersion.objects.published().select_related("act__department__authority").get(pk=pk)
        )
    except (ActVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_create_consultation(viewer, version):
        raise Http404
    return version


def consultation_for_page(*, viewer: Any, pk: Any, with_related: bool = False) -> Consultation:
    """One consultation as ``selectors.consultation_get_for`` finds it (the same visibility,
    the same 404), without the prefetches a page does not show. With ``with_related`` (the
    detail page): its meetings and attachments, and its latest extension as annotations
    (``extension_count``, ``last_extension_reason``, ``last_extension_previous_ends_at``),
    so the page's query count stays within its budget."""
    queryset = consultation_selectors.consultation_list(viewer=viewer).prefetch_related(None)
    if with_related:
        latest = ConsultationExtension.objects.filter(consultation=OuterRef("pk")).order_by(
            "-extended_at", "-pk"
        )
        queryset = queryset.prefetch_related("meetings", "attachments").annotate(
            extension_count=Coalesce(
                Subquery(
                    ConsultationExtension.objects.filter(consultation=OuterRef("pk"))
                    .order_by()
                    .values("consultation_id")
                    .annotate(count=Count("pk"))
                    .values("count")[:1]
                ),
                Value(0),
                output_field=IntegerField(),
            ),
            last_extension_reason=Subquery(latest.values("reason")[:1]),
            last_extension_previous_ends_at=Subquery(latest.values("previous_ends_at")[:1]),
        )
    try:
        return queryset.get(pk=pk)
    except (Consultation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class AnswerRow:
    """One row of the answer table: a submitted comment, its answer (None: not yet) and,
    set by the page, the form to answer it."""

    comment: Comment
    answer: Answer | None
    form: Any = None

    @property
    def needs_answer(self) -> bool:
        """Hidden comments need no answer for the report (``report_publish``)."""
        return not self.comment.is_hidden


def answerable_comments(*, viewer: Any, consultation: Consultation) -> list[AnswerRow]:
    """The submitted comments of the consultation with their answers, for its answer table
    (``comment_list_for``), in document order, the act as a whole first."""
    comments = list(
        comment_selectors.comment_list_for(
            viewer=viewer, consultation=consultation, filters={"status": CommentStatus.SUBMITTED}
        )
    )
    comments.sort(
        key=lambda comment: (
            comment.provision.order if comment.provision is not None else -1,
            comment.submitted_at,
            comment.pk,
        )
    )
    return [AnswerRow(comment=comment, answer=answer_of(comment=comment)) for comment in comments]


def provisions_of(rows: Iterable[AnswerRow]) -> list[Provision]:
    """The distinct provisions of these rows' comments, in document order (no query)."""
    seen: dict[int, Provision] = {}
    for row in rows:
        provision = row.comment.provision
        if provision is not None:
            seen.setdefault(provision.pk, provision)
    return sorted(seen.values(), key=lambda provision: provision.order)


@dataclass(frozen=True)
class Progress:
    """Answered / total of the comments that need an answer (submitted, not hidden), as
    ``selectors.answer_progress`` counts them, from rows already loaded."""

    answered: int
    total: int

    @property
    def remaining(self) -> int:
        return self.total - self.answered


def progress_of(rows: Iterable[AnswerRow]) -> Progress:
    needing = [row for row in rows if row.needs_answer]
    answered = len([row for row in needing if row.answer is not None])
    return Progress(answered=answered, total=len(needing))


ANSWERED = "answered"
UNANSWERED = "unanswered"
WHOLE_ACT = "act"


def filter_answerable(
    rows: Sequence[AnswerRow], *, provision: str | None = None, state: str | None = None
) -> list[AnswerRow]:
    """The answer table's filters: ``provision`` is a provision's id or "act" (the act as a
    whole); ``state`` "answered" or "unanswered" (hidden comments need no answer)."""
    shown = list(rows)
    if provision == WHOLE_ACT:
        shown = [row for row in shown if row.comment.provision_id is None]
    elif provision:
        shown = [row for row in shown if str(row.comment.provision_id) == provision]
    if state == ANSWERED:
        shown = [row for row in shown if row.answer is not None]
    elif state == UNANSWERED:
        shown = [row for row in shown if row.answer is None and row.needs_answer]
    return shown


@dataclass
class ReportGroup:
    """The report's comments on one provision (or on the act as a whole)."""

    label: str
    anchor: str
    comments: list[ReportComment] = field(default_factory=list)


def report_groups(data: ReportData) -> list[ReportGroup]:
    """The report's comments grouped by provision, in the report's order (document order)."""
    groups: dict[int | None, ReportGroup] = {}
    for comment in data.comments:
        group = groups.get(comment.provision_id)
        if group is None:
            group = groups[comment.provision_id] = ReportGroup(
                label=comment.provision_label, anchor=comment.provision_anchor
            )
        group.comments.append(comment)
    return list(groups.values())


def consultations_of_act(*, viewer: Any, act: LegalAct) -> list[Consultation]:
    """The act's consultations the viewer may see (``consultation_list``), newest first,
    without the prefetches the act's page does not show: one query."""
    return list(
        consultation_selectors.consultation_list(
            viewer=viewer, filters={"act": act.pk}
        ).prefetch_related(None)
    )


@dataclass
class CouncilSection:
    """One submission of the NGO council on the consultation page, with its comments (its
    items, in order) as the viewer may see them."""

    submission: CouncilSubmission
    comments: list[Comment] = field(default_factory=list)


def council_sections(comments: Iterable[Comment]) -> list[CouncilSection]:
    """The council's submissions among these comments (``comment_list_for`` selects each
    comment's ``council_submission``), in order of delivery, each with its items in order:
    no query."""
    sections: dict[int, CouncilSection] = {}
    for comment in comments:
        submission = comment.council_submission
        if submission is None:
            continue
        section = sections.setdefault(submission.pk, CouncilSection(submission=submission))
        section.comments.append(comment)
    for section in sections.values():
        section.comments.sort(key=lambda comment: comment.pk)
    return sorted(
        sections.values(),
        key=lambda section: (section.submission.delivered_at, section.submission.pk),
    )


# --- The comments beside the text ---------------------------------------------------------


@dataclass
class ShownComments:
    """What the consultation page loads of its comments: the first few of each provision
    and of the act as a whole, every item of the NGO council, and how many comments on the
    act as a whole the viewer may see (the provisions carry their own counts)."""

    comments: list[Comment]
    whole_act_total: int


def comments_shown_on_page(*, viewer: Any, consultation: Consultation, first: int) -> ShownComments:
    """The comments of ``comment_list_for`` (the same visibility, order and related rows)
    that the consultation page shows: the first ``first`` of each provision and of the act
    as a whole, in the list's order, the viewer's own drafts, and all the NGO council's
    items (kept whole, they are few). One query, whatever the number of comments, plus
    the list's own (attachments).

    The position is numbered over the comment ids alone (a window over one table) and the
    page's rows are then read by id, so the joins run for the rows shown only; the count on
    the act as a whole is an uncorrelated subquery, evaluated once."""
    queryset = comment_selectors.comment_list_for(viewer=viewer, consultation=consultation)
    # NGO comments have no council submission: one partition per provision (NULL, the
    # act as a whole, is a partition of its own); the council's items fall apart from them.
    partition = [F("provision_id"), F("council_submission_id")]
    # Numbered in the list's own order, whatever ``comment_list_for`` makes it.
    ordering: list[Any] = [*queryset.query.order_by]
    shown_ids = (
        queryset.annotate(position=Window(RowNumber(), partition_by=partition, order_by=ordering))
        .filter(
            Q(position__lte=first)
            | Q(council_submission__isnull=False)
            # The viewer's own drafts (no one else's are listed): work in progress stays
            # in view beside its provision, however many comments came before it.
            | Q(status=CommentStatus.DRAFT)
        )
        .values("pk")
    )
    whole_act_count = (
        queryset.filter(provision__isnull=True, council_submission__isnull=True)
        .order_by()
        .values("consultation_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    comments: list[Comment] = list(
        queryset.filter(pk__in=shown_ids).annotate(
            whole_act_total=Coalesce(
                Subquery(whole_act_count), Value(0), output_field=IntegerField()
            )
        )
    )
    # No row at all: the viewer may see no comment, none on the act as a whole either.
    whole_act_total = int(getattr(comments[0], "whole_act_total", 0)) if comments else 0
    return ShownComments(comments=comments, whole_act_total=whole_act_total)


def provision_of_consultation(*, consultation: Consultation, pk: Any) -> Provision:
    """A provision of the consulted version; Http404 for any other (of another version, or
    none)."""
    try:
        provision = act_selectors.provision_in_version(
            version_id=consultation.version_id, pk=int(pk)
        )
    except (ValueError, TypeError):
        raise Http404 from None
    if provision is None:
        raise Http404
    return provision


def comments_on(
    *, viewer: Any, consultation: Consultation, provision: Provision | None
) -> QuerySet[Comment]:
    """The NGO and residents' comments on one provision (``None``: on the act as a whole)
    as ``comment_list_for`` gives them to the viewer, in its order; the NGO council's items
    stay in the council's opinion on the consultation page."""
    filters: dict[str, Any] = (
        {"whole_act": True} if provision is None else {"provision": provision.pk}
    )
    return comment_selectors.comment_list_for(
        viewer=viewer, consultation=consultation, filters=filters
    ).filter(council_submission__isnull=True)
