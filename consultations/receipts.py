"""The receipt of a submitted comment (potwierdzenie złożenia uwag) as its document prints
it: the receipt number, the moment of submission to the second, the consultation, the
provision, the organisation as named when it submitted, and the text as submitted (the
comment's first ``CommentVersion``, not a later change).

Everything here is fixed at submission, so a comment's receipt is rendered once, however
the comment changes afterwards (its hash only changes if the consultation is renamed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from consultations.exceptions import CommentNotSubmitted
from consultations.models import Comment, CommentStatus, CommentVersion

# The wording a comment was submitted with is its version 1 (``CommentVersion``).
SUBMITTED_VERSION = 1


@dataclass(frozen=True)
class ReceiptDocument:
    tracking_number: str
    submitted_at: dt.datetime
    consultation_id: int
    consultation_title: str
    act_title: str
    authority: str
    department: str
    provision_label: str
    # The organisation's name when it submitted; empty for a resident in their own name.
    organisation: str
    submitted_by: str
    proposed_wording: str
    justification: str


def comment_receipt_data(*, comment: Comment) -> ReceiptDocument:
    """The receipt of ``comment`` (loaded with its consultation's act, department and
    authority, its organisation and who submitted it). A draft has none:
    ``CommentNotSubmitted``. One query (the submitted version with its provision)."""
    if comment.status == CommentStatus.DRAFT or not comment.tracking_number:
        raise CommentNotSubmitted()
    assert comment.submitted_at is not None
    submitted = (
        CommentVersion.objects.filter(comment=comment, number=SUBMITTED_VERSION)
        .select_related("provision")
        .first()
    )
    # A comment recorded before versions were kept: its wording never changed since.
    source = submitted if submitted is not None else comment
    provision = source.provision
    act = comment.consultation.version.act
    return ReceiptDocument(
        tracking_number=comment.tracking_number,
        submitted_at=comment.submitted_at,
        consultation_id=comment.consultation_id,
        consultation_title=comment.consultation.title,
        act_title=act.title,
        authority=act.department.authority.name,
        department=act.department.name,
        provision_label=provision.label if provision is not None else _("The act as a whole"),
        organisation=comment.organisation_label,
        submitted_by=str(comment.submitted_by) if comment.submitted_by else "",
        proposed_wording=source.proposed_wording,
        justification=source.justification,
    )
