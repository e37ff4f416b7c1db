"""The NGO council's adopted opinion, delivered to a consultation as the council's
submission: one submitted comment per item, marked with the submission so that pages show
them apart from NGO comments and officials answer them like any other comment.

Called by the council (``opinions``) when it adopts an opinion; this app never imports the
council. Delivery after the consultation's end is accepted (the council adopts on its own
schedule) and recorded as late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from acts.models import Provision
from consultations.events import ConsultationVerb
from consultations.models import (
    Comment,
    CommentStatus,
    CommentVersion,
    Consultation,
    ConsultationPhase,
    CouncilSubmission,
)
from core.exceptions import InvalidInput
from core.services import audit_log

TRACKING_PREFIX = "RADA"


@dataclass(frozen=True)
class SubmittedItem:
    """One item of the council's opinion: its text and the provision it is about."""

    text: str
    provision: Provision | None = None


def _is_late(consultation: Consultation, moment: dt.datetime) -> bool:
    return consultation.phase_at(moment) in (
        ConsultationPhase.CLOSED,
        ConsultationPhase.REPORT_PUBLISHED,
        ConsultationPhase.CANCELLED,
    )


@transaction.atomic
def council_submission_deliver(
    *,
    consultation: Consultation,
    actor: Any,
    reference: str,
    council_name: str,
    external_id: str,
    items: Sequence[SubmittedItem],
    delivered_at: dt.datetime | None = None,
) -> CouncilSubmission:
    """Deliver the council's opinion to the consultation.

    ``external_id`` (the position's id) makes it safe to call twice: a second delivery of
    the same position returns the first. Each item becomes a submitted comment by
    ``actor`` (the officer who closed the vote) with no organisation; provisions must
    belong to the consulted version. Audited.
    """
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    existing = CouncilSubmission.objects.filter(
        consultation=consultation, external_id=str(external_id)
    ).first()
    if existing is not None:
        return existing
    for item in items:
        if item.provision is not None and item.provision.version_id != consultation.version_id:
            raise InvalidInput("A council item names a provision of another act version.")
    moment = delivered_at or timezone.now()
    submission = CouncilSubmission.objects.create(
        consultation=consultation,
        reference=reference[:500],
        council_name=council_name[:300],
        delivered_at=moment,
        is_late=_is_late(consultation, moment),
        external_id=str(external_id),
    )
    comments = Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultation,
                provision=item.provision,
                organisation=None,
                author=actor,
                proposed_wording=item.text,
                status=CommentStatus.SUBMITTED,
                submitted_by=actor,
                submitted_at=moment,
                tracking_number=f"{TRACKING_PREFIX}-{submission.pk}-{index}",
                council_submission=submission,
                version=1,
            )
            for index, item in enumerate(items, start=1)
        ]
    )
    CommentVersion.objects.bulk_create(
        [
            CommentVersion(
                comment=comment,
                number=1,
                provision=comment.provision,
                proposed_wording=comment.proposed_wording,
                created_at=moment,
                edited_by=actor,
            )
            for comment in comments
        ]
    )
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COUNCIL_SUBMISSION_DELIVERED,
        target=submission,
        data={
            "consultation": consultation.pk,
            "reference": submission.reference,
            "external_id": submission.external_id,
            "items": len(items),
            "is_late": submission.is_late,
        },
    )
    return submission
