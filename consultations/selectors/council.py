"""Reads the NGO council needs from consultations: the comments it may pull into its
positions, and the council's submissions shown on a consultation apart from NGO comments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    CouncilSubmission,
)


def council_comment_candidates(
    *, consultation: Consultation, provision: Any = None, organisation: Any = None
) -> QuerySet[Comment]:
    """Submitted, visible NGO and resident comments of a consultation (the council's own
    submissions left out), with provision, organisation and author; in the act's order.
    ``provision`` and ``organisation`` (objects or ids) narrow the list."""
    queryset = (
        Comment.objects.filter(
            consultation=consultation,
            status=CommentStatus.SUBMITTED,
            hidden_at__isnull=True,
            council_submission__isnull=True,
        )
        .select_related("provision", "organisation", "author")
        .order_by("provision__order", "submitted_at", "pk")
    )
    if provision not in (None, ""):
        queryset = queryset.filter(provision=provision)
    if organisation not in (None, ""):
        queryset = queryset.filter(organisation=organisation)
    return queryset


def comments_by_ids(*, ids: Iterable[Any]) -> QuerySet[Comment]:
    """Comments by primary key, with provision and organisation (for provenance)."""
    return Comment.objects.filter(pk__in=list(ids)).select_related("provision", "organisation")


def consultations_for_council() -> QuerySet[Consultation]:
    """Consultations the council may give an opinion on: every published one."""
    return (
        Consultation.objects.exclude(status=ConsultationStatus.DRAFT)
        .select_related("version__act")
        .order_by("-starts_at", "-pk")
    )


def council_submission_list(*, consultation: Consultation) -> QuerySet[CouncilSubmission]:
    """The council's submissions to a consultation, each with its comments (in order) and
    their provisions and answers."""
    return (
        CouncilSubmission.objects.filter(consultation=consultation)
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.select_related("provision", "answer").order_by("pk"),
            )
        )
        .order_by("delivered_at", "pk")
    )


def council_submission_for(*, consultation_id: Any, external_id: Any) -> CouncilSubmission | None:
    return CouncilSubmission.objects.filter(
        consultation_id=consultation_id, external_id=str(external_id)
    ).first()


def council_submissions_by_external_id(
    *, external_ids: Iterable[Any]
) -> dict[str, CouncilSubmission]:
    """The council's submissions of these positions, by position id (as text)."""
    return {
        submission.external_id: submission
        for submission in CouncilSubmission.objects.filter(
            external_id__in=[str(pk) for pk in external_ids]
        ).select_related("consultation")
    }
