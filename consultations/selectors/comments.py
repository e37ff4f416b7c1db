"""Reads of comments and answers, with what each viewer may see.

One rule, ``comment_visibility_q``, decides which comments a viewer sees in a
consultation; lists, counts per provision and detail pages all follow it. Not found and not
allowed are the same 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from accounts import permissions as account_permissions
from consultations import permissions
from consultations.models import Comment, CommentStatus, Consultation

# Never true: the primary key is never empty. A filter that selects nothing yet stays
# valid SQL inside subqueries.
_NOTHING = Q(pk__isnull=True)

COMMENT_RELATED = (
    "consultation__version__act__department__authority",
    "organisation",
    "provision",
    "author",
    "submitted_by",
    "hidden_by",
    "answer__answered_by",
    "council_submission",
)
# The act's source text and parse warnings come along with the joined version otherwise:
# tens of kilobytes in every comment row, which no comment list shows.
COMMENT_DEFERRED = (
    "consultation__version__source_text",
    "consultation__version__warnings",
)


def own_comments_q(*, viewer: Any) -> Q:
    """Comments of the viewer's organisations, and their own in their own name."""
    if not account_permissions.is_authenticated(viewer):
        return _NOTHING
    own = Q(organisation__isnull=True, council_submission__isnull=True, author_id=viewer.pk)
    organisation_ids = permissions.member_organisation_ids(viewer)
    if organisation_ids:
        own |= Q(organisation_id__in=sorted(organisation_ids))
    return own


def comment_visibility_q(
    *, viewer: Any, consultation: Consultation, now: datetime | None = None
) -> Q:
    """The comments of ``consultation`` the viewer may see (``permissions.can_view_comment``
    as a filter): their own in any state; submitted and withdrawn ones for those who run the
    consultation; submitted ones for everyone once the consultation's comments are
    public."""
    own = own_comments_q(viewer=viewer)
    if permissions.can_manage_consultation(viewer, consultation):
        return Q(status__in=[CommentStatus.SUBMITTED, CommentStatus.WITHDRAWN]) | own
    if permissions.comments_are_public(consultation, now=now):
        return Q(status=CommentStatus.SUBMITTED) | own
    return own


def comment_list_for(
    *, viewer: Any, consultation: Consultation, filters: Mapping[str, Any] | None = None
) -> QuerySet[Comment]:
    """The comments of a consultation the viewer may see, in order of submission (drafts
    last), with their provision, organisation, author, answer and attachments.

    ``filters``: ``provision`` (id), ``whole_act`` (true: comments on the act as a whole),
    ``organisation`` (id), ``disposition``, ``status``, ``hidden`` (bool). Empty values are
    ignored.
    """
    queryset = (
        Comment.objects.filter(consultation=consultation)
        .filter(comment_visibility_q(viewer=viewer, consultation=consultation))
        .select_related(*COMMENT_RELATED)
        .defer(*COMMENT_DEFERRED)
        .prefetch_related("attachments")
        .order_by(_submitted_first(), "submitted_at", "id")
    )
    return comments_filtered(queryset, filters or {})


def comments_filtered(queryset: QuerySet[Comment], filters: Mapping[str, Any]) -> QuerySet[Comment]:
    """``queryset`` narrowed by the filters of ``comment_list_for``."""
    if provision := filters.get("provision"):
        queryset = queryset.filter(provision_id=getattr(provision, "pk", provision))
    if filters.get("whole_act"):
        queryset = queryset.filter(provision__isnull=True)
    if organisation := filters.get("organisation"):
        queryset = queryset.filter(organisation_id=getattr(organisation, "pk", organisation))
    if disposition := filters.get("disposition"):
        queryset = queryset.filter(answer__disposition=disposition)
    if status := filters.get("status"):
        queryset = queryset.filter(status=status)
    hidden = filters.get("hidden")
    if hidden is not None and hidden != "":
        queryset = queryset.filter(hidden_at__isnull=not hidden)
    return queryset


def _submitted_first() -> Any:
    return Case(
        When(submitted_at__isnull=True, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def comment_get_for(*, viewer: Any, pk: Any) -> Comment:
    """One comment with its consultation, act, provision, organisation, answer and
    attachments; Http404 when it does not exist or the viewer may not see it."""
    try:
        comment = (
            Comment.objects.select_related(*COMMENT_RELATED)
            .defer(*COMMENT_DEFERRED)
            .prefetch_related("attachments")
            .get(pk=pk)
        )
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not (
        permissions.can_view_consultation(viewer, comment.consultation)
        and permissions.can_view_comment(viewer, comment)
    ):
        raise Http404
    return comment


def comment_drafts_for(*, user: Any) -> QuerySet[Comment]:
    """The drafts the user may work on: their organisations' and their own, newest first."""
    return (
        Comment.objects.filter(status=CommentStatus.DRAFT)
        .filter(own_comments_q(viewer=user))
        .select_related(*COMMENT_RELATED)
        .defer(*COMMENT_DEFERRED)
        .order_by("-updated_at", "-id")
    )


def comments_submitted_by_organisations_of(*, user: Any) -> QuerySet[Comment]:
    """Comments submitted (and possibly withdrawn since) by the user's organisations, and
    by the user in their own name; newest first."""
    return (
        Comment.objects.filter(status__in=[CommentStatus.SUBMITTED, CommentStatus.WITHDRAWN])
        .filter(own_comments_q(viewer=user))
        .select_related(*COMMENT_RELATED)
        .defer(*COMMENT_DEFERRED)
        .order_by("-submitted_at", "-id")
    )


@dataclass(frozen=True)
class AnswerProgress:
    answered: int
    total: int

    @property
    def remaining(self) -> int:
        return self.total - self.answered

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


def answer_progress(*, consultation: Consultation) -> AnswerProgress:
    """Answered / total of the comments that need an answer (submitted, not hidden)."""
    counts = consultation.comments.filter(
        status=CommentStatus.SUBMITTED, hidden_at__isnull=True
    ).aggregate(total=Count("pk"), answered=Count("answer"))
    return AnswerProgress(answered=counts["answered"] or 0, total=counts["total"] or 0)


def unanswered_comments(*, consultation: Consultation) -> QuerySet[Comment]:
    """Submitted, visible comments still waiting for an answer, in order of submission."""
    return (
        consultation.comments.filter(
            status=CommentStatus.SUBMITTED, hidden_at__isnull=True, answer__isnull=True
        )
        .select_related("organisation", "provision", "author")
        .order_by("submitted_at", "id")
    )
