"""The "my work" lists: for each role the viewer holds, what waits for them and where it is
done. The lists are the apps' selectors (``consultations.selectors.work`` for officials and
organisations, ``opinions.selectors.council_work_for`` for council members); the page
(``/my-work/``) and ``GET /api/v1/me/work/`` show the same data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from consultations.models import Comment, ConsultationPhase
from consultations.selectors.work import (
    ConsultationWork,
    OfficialWork,
    OrganisationWork,
    official_work_for,
    organisation_work_for,
)
from opinions.selectors.workspace import CouncilWork, council_work_for


@dataclass(frozen=True)
class MyWork:
    """One section per role; None where the viewer does not hold the role."""

    official: OfficialWork | None
    organisation: OrganisationWork | None
    council: CouncilWork | None

    @property
    def has_roles(self) -> bool:
        return any(
            section is not None for section in (self.official, self.organisation, self.council)
        )


def my_work_for(*, viewer: Any, now: dt.datetime) -> MyWork:
    return MyWork(
        official=official_work_for(viewer=viewer, now=now),
        organisation=organisation_work_for(viewer=viewer, now=now),
        council=council_work_for(viewer=viewer),
    )


# --- Where each piece of work is done (the page and the API link the same places) --------


def consultation_work_url(row: ConsultationWork) -> str:
    """A closed consultation is worked on in its table of answers; any other on its page."""
    if row.phase == ConsultationPhase.CLOSED:
        return reverse("consultations:answers", args=[row.consultation.pk])
    return reverse("consultations:detail", args=[row.consultation.pk])


def act_work_url(act: Any) -> str:
    """The draft version when there is one, else the act's page (to add the first one)."""
    number = getattr(act, "draft_version_number", None)
    if number is not None:
        return reverse("acts:version", args=[act.pk, number])
    return reverse("acts:detail", args=[act.pk])


def draft_comment_url(comment: Comment) -> str:
    return reverse("consultations:comment_edit", args=[comment.pk])


def answered_comment_url(comment: Comment) -> str:
    return f"{reverse('consultations:my_comments')}#comment-{comment.pk}"
