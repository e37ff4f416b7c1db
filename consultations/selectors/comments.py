"""Reads of comments and answers, with what each viewer may see.

One rule, ``comment_visibility_q``, decides which comments a viewer sees in a
consultation; lists, counts per provision and detail pages all follow it. Not found and not
allowed are the same 404.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.query import ModelIterable
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions as account_permissions
from consultations import permissions
from consultations.models import (
    Answer,
    Comment,
    CommentAttachment,
    CommentStatus,
    CommentVersion,
    Consultation,
    CouncilSubmission,
)
from consultations.presenters import comment_fields_visible_to
from core.exceptions import NotAllowed

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


# A consultation's comment list: what the cards and the API show, and no more. The
# consultation is the caller's (attached to every row, not joined); the people are
# named by ``full_name`` (and a resident's title by their grammatical gender), and the
# organisation by its name.
LIST_RELATED = (
    "organisation",
    "provision",
    "author",
    "answer__answered_by",
)
LIST_COLUMNS = (
    *(field.name for field in Comment._meta.concrete_fields),
    "organisation__id",
    "organisation__name",
    "provision__id",
    "provision__version_id",
    "provision__label",
    "provision__anchor",
    "provision__order",
    "author__id",
    "author__full_name",
    "author__grammatical_gender",  # "mieszkanka" or "mieszkaniec" beside the name
    *(f"answer__{field.name}" for field in Answer._meta.concrete_fields),
    "answer__answered_by__id",
    "answer__answered_by__full_name",
)


class _ConsultationComments(ModelIterable):
    """The rows of one consultation's list, each given the consultation the list was asked
    for (``_hints["consultation"]``, which clones keep) instead of joining it, its
    attachments from one query, and the council's submission from one more when any row
    is the council's. Django's ``prefetch_related`` builds a queryset for every row; most
    comments have no attachment, and those share one empty result here. (Every join
    left out also saves PostgreSQL milliseconds of planning on every page.)"""

    def __iter__(self) -> Iterator[Comment]:
        consultation = self.queryset._hints["consultation"]  # type: ignore[attr-defined]
        cache_consultation = Comment.consultation.field.set_cached_value
        comments = list(super().__iter__())
        attached: dict[int, list[CommentAttachment]] = defaultdict(list)
        if comments:
            for attachment in CommentAttachment.objects.filter(
                comment_id__in=[comment.pk for comment in comments]
            ):
                attached[attachment.comment_id].append(attachment)
        submission_ids = {comment.council_submission_id for comment in comments} - {None}
        submissions = CouncilSubmission.objects.in_bulk(submission_ids) if submission_ids else {}
        cache_submission = Comment.council_submission.field.set_cached_value
        none = _loaded(CommentAttachment.objects.none(), [])
        for comment in comments:
            cache_consultation(comment, consultation)
            cache_submission(comment, submissions.get(comment.council_submission_id))
            found = attached.get(comment.pk)
            comment._prefetched_objects_cache = {
                ATTACHMENTS: none if found is None else _loaded(comment.attachments.all(), found)
            }
            yield comment


# What ``prefetch_related("attachments")`` caches them under: the related name.
ATTACHMENTS = "attachments"


def _loaded(queryset: QuerySet[CommentAttachment], rows: list[CommentAttachment]) -> Any:
    """``queryset`` with its result already known, as ``prefetch_related`` leaves it."""
    queryset._result_cache = rows
    queryset._prefetch_done = True  # type: ignore[attr-defined]
    return queryset


def comment_just_created(comment: Comment) -> Comment:
    """A comment a service has just created, ready to be shown as a listed one is: it has
    no answer and no attachments yet, so showing it asks no query to find out."""
    Comment.answer.related.set_cached_value(comment, None)
    comment._prefetched_objects_cache = {  # type: ignore[attr-defined]
        ATTACHMENTS: _loaded(CommentAttachment.objects.none(), [])
    }
    return comment


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

    Every row carries ``consultation`` itself (no join); the people linked are read with
    their names only. The order is the index ``comment_consultation_order``'s, so a page
    of the API reads its rows without sorting the consultation's comments.
    """
    queryset = (
        Comment.objects.db_manager(hints={"consultation": consultation})
        .filter(consultation=consultation)
        .filter(comment_visibility_q(viewer=viewer, consultation=consultation))
        .select_related(*LIST_RELATED)
        .only(*LIST_COLUMNS)
        .order_by(F("submitted_at").asc(nulls_last=True), "id")
    )
    queryset._iterable_class = _ConsultationComments
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


def comment_versions_for(*, viewer: Any, comment: Comment) -> list[CommentVersion]:
    """The submitted versions of ``comment`` (one the viewer sees, ``comment_get_for``),
    oldest first, with their provisions and who stored them. Whoever may not read the
    comment's text (``presenters``) may not read its versions: NotAllowed."""
    if not comment_fields_visible_to(viewer, comment, now=timezone.now()).content:
        raise NotAllowed(_("This comment was hidden by the moderator; its wording is not public."))
    return list(
        CommentVersion.objects.filter(comment=comment)
        .select_related("provision", "edited_by")
        .order_by("number")
    )


def comment_attachment_for(
    *, viewer: Any, pk: Any, now: datetime | None = None
) -> CommentAttachment:
    """An attachment of a comment the viewer may see (``comment_get_for``) and whose
    content they may read (``presenters.comment_fields_visible_to``: a hidden comment's
    attachments stay with its authors and the officials, like its text); Http404
    otherwise."""
    comment_id = (
        CommentAttachment.objects.filter(pk=pk).values_list("comment_id", flat=True).first()
        if str(pk).isdigit()
        else None
    )
    if comment_id is None:
        raise Http404
    comment = comment_get_for(viewer=viewer, pk=comment_id)
    if not comment_fields_visible_to(viewer, comment, now=now or timezone.now()).content:
        raise Http404
    for attachment in comment.attachments.all():
        if attachment.pk == int(pk):
            return attachment
    raise Http404


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
