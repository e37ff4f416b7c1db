"""Work lists: what waits for an official of a department, and for the members of an
organisation, in consultations. Each list is one selector with a constant number of
queries; the "my work" page and ``GET /api/v1/me/work/`` show them (``config/work.py``).

Who sees what follows the predicates: an official's lists hold the consultations they may
manage (``permissions.can_manage_consultation``: those of their departments), an
organisation's lists the comments its members may see (``permissions.is_own_comment``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, OuterRef, QuerySet

from accounts.viewer import as_viewer
from acts import selectors as act_selectors
from acts.models import LegalAct
from consultations import permissions
from consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationPhase,
    ConsultationStatus,
)
from consultations.selectors.consultations import _count
from core.dates import local_day

# The phases an official's list groups consultations by (cancelled ones are no work).
OFFICIAL_PHASES = (
    ConsultationPhase.DRAFT,
    ConsultationPhase.SCHEDULED,
    ConsultationPhase.OPEN,
    ConsultationPhase.CLOSED,
    ConsultationPhase.REPORT_PUBLISHED,
)
# How many consultations with a published report the official's list keeps (newest).
RECENT_REPORTS = 10
# An organisation is told about open consultations ending within this many days.
CLOSING_SOON_DAYS = 7
# Answers count as received for this many days after the report's publication.
ANSWERS_RECENT_DAYS = 30
ANSWERS_SHOWN = 50

_CONSULTATION_DEFERRED = ("version__source_text", "version__warnings")


@dataclass(frozen=True)
class ConsultationWork:
    """A consultation on an official's list; for a closed one, the comments still waiting
    for an answer and the days left to the report's deadline (negative once overdue)."""

    consultation: Consultation
    phase: str
    unanswered: int
    report_due_on: dt.date | None
    days_left: int | None

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


@dataclass
class OfficialWork:
    by_phase: dict[str, list[ConsultationWork]]
    unpublished_acts: list[LegalAct]

    @property
    def awaiting_answers(self) -> list[ConsultationWork]:
        """Closed consultations with comments waiting for an answer, the nearest report
        deadline first."""
        rows = [row for row in self.by_phase[ConsultationPhase.CLOSED] if row.unanswered]
        return sorted(rows, key=lambda row: (row.report_due_on, row.consultation.pk))

    @property
    def is_empty(self) -> bool:
        return not self.unpublished_acts and not any(self.by_phase.values())


def _unanswered_comments() -> QuerySet[Comment]:
    return Comment.objects.filter(
        consultation=OuterRef("pk"),
        status=CommentStatus.SUBMITTED,
        hidden_at__isnull=True,
        answer__isnull=True,
    )


def official_work_for(*, viewer: Any, now: dt.datetime) -> OfficialWork | None:
    """The consultations of the viewer's departments by phase (drafts, scheduled, open,
    closed and awaiting the report, the last ``RECENT_REPORTS`` reported), the comments
    waiting for an answer, and the acts not yet published. None for a viewer without an
    official's post.

    Three queries: the consultations in progress (with their unanswered comments counted),
    the recently reported ones, and the unpublished acts."""
    department_ids = sorted(as_viewer(viewer).department_ids)
    if not department_ids:
        return None
    mine = (
        Consultation.objects.filter(version__act__department_id__in=department_ids)
        .select_related("version__act")
        .defer(*_CONSULTATION_DEFERRED)
    )
    in_progress = list(
        mine.filter(status__in=[ConsultationStatus.DRAFT, ConsultationStatus.SCHEDULED])
        .annotate(unanswered=_count(_unanswered_comments()))
        .order_by("ends_at", "id")
    )
    reported = list(
        mine.filter(status=ConsultationStatus.REPORT_PUBLISHED).order_by(
            F("report_published_at").desc(nulls_last=True), "-id"
        )[:RECENT_REPORTS]
    )
    today = local_day(now)
    by_phase: dict[str, list[ConsultationWork]] = {phase: [] for phase in OFFICIAL_PHASES}
    for consultation in in_progress + reported:
        phase = consultation.phase_at(now)
        due = consultation.report_due_on if phase == ConsultationPhase.CLOSED else None
        by_phase[phase].append(
            ConsultationWork(
                consultation=consultation,
                phase=phase,
                unanswered=getattr(consultation, "unanswered", 0),
                report_due_on=due,
                days_left=(due - today).days if due is not None else None,
            )
        )
    return OfficialWork(
        by_phase=by_phase,
        unpublished_acts=list(act_selectors.acts_with_unpublished_drafts(viewer=viewer)),
    )


@dataclass(frozen=True)
class UncommentedConsultation:
    """An open consultation ending soon on which ``organisation_name`` has submitted
    nothing."""

    consultation: Consultation
    organisation_id: int
    organisation_name: str


@dataclass
class OrganisationWork:
    organisation_names: dict[int, str]
    drafts: list[Comment] = field(default_factory=list)
    closing_soon: list[UncommentedConsultation] = field(default_factory=list)
    answers_received: list[Comment] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.drafts or self.closing_soon or self.answers_received)


def organisation_work_for(*, viewer: Any, now: dt.datetime) -> OrganisationWork | None:
    """For the members of verified organisations: their organisations' drafts waiting for
    submission (in consultations not yet ended), the open consultations ending within
    ``CLOSING_SOON_DAYS`` on which an organisation has submitted nothing, and the answers
    its submitted comments received in reports published in the last
    ``ANSWERS_RECENT_DAYS``. None for a viewer who is no such member.

    Four queries: the drafts, the consultations closing soon, which of them the
    organisations commented on (not asked when none closes soon), and the answered
    comments."""
    names = permissions.member_organisation_names(viewer)
    if not names:
        return None
    organisation_ids = sorted(names)
    moment = now.replace(microsecond=0)
    work = OrganisationWork(organisation_names=dict(names))
    work.drafts = list(
        Comment.objects.filter(
            organisation_id__in=organisation_ids,
            status=CommentStatus.DRAFT,
            consultation__status=ConsultationStatus.SCHEDULED,
            consultation__ends_at__gte=moment,
        )
        .select_related("consultation", "organisation", "provision", "author")
        .order_by("consultation__ends_at", "-updated_at", "-id")
    )
    closing = list(
        Consultation.objects.open_at(now)
        .filter(ends_at__lte=now + dt.timedelta(days=CLOSING_SOON_DAYS))
        .defer("description")
        .order_by("ends_at", "id")
    )
    commented = set(
        Comment.objects.filter(
            consultation__in=[consultation.pk for consultation in closing],
            organisation_id__in=organisation_ids,
            status=CommentStatus.SUBMITTED,
        )
        .values_list("consultation_id", "organisation_id")
        .distinct()
    )
    work.closing_soon = [
        UncommentedConsultation(
            consultation=consultation,
            organisation_id=organisation_id,
            organisation_name=names[organisation_id],
        )
        for consultation in closing
        for organisation_id in organisation_ids
        if (consultation.pk, organisation_id) not in commented
    ]
    work.answers_received = list(
        Comment.objects.filter(
            organisation_id__in=organisation_ids,
            status=CommentStatus.SUBMITTED,
            answer__isnull=False,
            consultation__status=ConsultationStatus.REPORT_PUBLISHED,
            consultation__report_published_at__gte=now - dt.timedelta(days=ANSWERS_RECENT_DAYS),
        )
        .select_related("consultation", "organisation", "provision", "answer")
        .order_by("-consultation__report_published_at", "consultation_id", "submitted_at", "id")[
            :ANSWERS_SHOWN
        ]
    )
    return work
