"""Pure predicates: who may read and change consultations and comments. Deny by default.

Officials of the act's responsible department and administrators run its consultations
(the act's own rules are in ``acts.permissions``). Members of a verified organisation
draft its comments, its representatives submit and withdraw them; a resident comments in
their own name where the audience allows.

Each predicate takes the viewer (``accounts.viewer.Viewer``), whose departments and
memberships were read once for the request, so checking every comment of a long list
costs no query; given a user, it uses the request's viewer when the user is the
request's (``as_viewer``), otherwise it reads the user's affiliations (one query).
Predicates that depend on the clock take ``now`` (frozen in tests); by default the
present moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from accounts import permissions as account_permissions
from accounts.models import MembershipRole
from accounts.viewer import as_viewer
from acts.models import ActVersion
from acts.permissions import can_edit_act, is_official_of
from consultations.models import (
    Audience,
    Comment,
    CommentStatus,
    CommentVisibility,
    Consultation,
    ConsultationAction,
    ConsultationPhase,
    ConsultationStatus,
)

# Which phase allows what is ``Consultation.ACTIONS``; these predicates add who may.
_AFTER_END = frozenset({ConsultationPhase.CLOSED, ConsultationPhase.REPORT_PUBLISHED})


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def membership_roles(viewer: Any) -> dict[int, str]:
    """The verified organisations the viewer is an active member of, with the role in each."""
    return as_viewer(viewer).organisation_roles


def member_organisation_ids(viewer: Any) -> frozenset[int]:
    viewer = as_viewer(viewer)
    return frozenset(membership_roles(viewer))


def member_organisation_names(viewer: Any) -> dict[int, str]:
    """The names of the verified organisations the viewer is an active member of."""
    return as_viewer(viewer).organisation_names


def represented_organisation_ids(viewer: Any) -> frozenset[int]:
    viewer = as_viewer(viewer)
    return frozenset(
        organisation_id
        for organisation_id, role in membership_roles(viewer).items()
        if role == MembershipRole.REPRESENTATIVE
    )


def _department_id(consultation: Consultation) -> int:
    return consultation.version.act.department_id


def can_manage_consultation(viewer: Any, consultation: Consultation) -> bool:
    """Create, change, schedule, extend, cancel, moderate, answer, publish the report:
    officials of the act's responsible department and administrators."""
    viewer = as_viewer(viewer)
    return account_permissions.is_administrator(viewer) or is_official_of(
        viewer, _department_id(consultation)
    )


def can_create_consultation(viewer: Any, version: ActVersion) -> bool:
    viewer = as_viewer(viewer)
    return can_edit_act(viewer, version.act)


def can_view_consultation(viewer: Any, consultation: Consultation) -> bool:
    """Everything but a draft is public; a draft stays with its department."""
    viewer = as_viewer(viewer)
    return consultation.status != ConsultationStatus.DRAFT or can_manage_consultation(
        viewer, consultation
    )


def residents_may_comment(consultation: Consultation) -> bool:
    return consultation.audience == Audience.ORGANISATIONS_AND_RESIDENTS


def can_comment(
    viewer: Any,
    consultation: Consultation,
    *,
    organisation: Any = None,
    now: datetime | None = None,
) -> bool:
    """Start a comment (a draft): before the end, for an organisation the viewer is a member
    of, or in their own name when residents may comment. Those who run the consultation do
    not comment on it in their own name."""
    viewer = as_viewer(viewer)
    if not consultation.allows(ConsultationAction.WRITE_COMMENT, at=_now(now)):
        return False
    if organisation is not None:
        return organisation.pk in membership_roles(viewer)
    return (
        account_permissions.is_authenticated(viewer)
        and residents_may_comment(consultation)
        and not can_manage_consultation(viewer, consultation)
    )


def is_own_comment(viewer: Any, comment: Comment) -> bool:
    """The comment belongs to the viewer: their organisation's, or theirs as a resident."""
    viewer = as_viewer(viewer)
    if comment.organisation_id is not None:
        return comment.organisation_id in membership_roles(viewer)
    return (
        _is_residents(comment)
        and account_permissions.is_authenticated(viewer)
        and comment.author_id == viewer.pk
    )


def _is_residents(comment: Comment) -> bool:
    """Written by a resident in their own name (not for an organisation, and not the NGO
    council's submission, which its officer delivers but does not own)."""
    return comment.organisation_id is None and comment.council_submission_id is None


def may_act_for_comment(viewer: Any, comment: Comment) -> bool:
    """Submit, change after submission, withdraw: a representative of the organisation, or
    the resident who wrote it (while residents may comment)."""
    viewer = as_viewer(viewer)
    if comment.organisation_id is not None:
        return comment.organisation_id in represented_organisation_ids(viewer)
    return (
        _is_residents(comment)
        and account_permissions.is_authenticated(viewer)
        and comment.author_id == viewer.pk
        and residents_may_comment(comment.consultation)
    )


def can_edit_comment(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """Until the end: a draft by any member (or its resident author), a submitted comment
    by those who may submit it. A hidden or withdrawn comment stays as it is."""
    viewer = as_viewer(viewer)
    if comment.is_hidden:
        return False
    actions = comment.consultation.actions_at(_now(now))
    if comment.status == CommentStatus.DRAFT:
        return ConsultationAction.WRITE_COMMENT in actions and is_own_comment(viewer, comment)
    if comment.status == CommentStatus.SUBMITTED:
        return ConsultationAction.SUBMIT_COMMENT in actions and may_act_for_comment(viewer, comment)
    return False


def can_delete_comment(viewer: Any, comment: Comment) -> bool:
    """A draft, at any time (it was never public): by the member who wrote it, or by those
    who may submit it (a representative of its organisation). A submitted comment is
    withdrawn instead, and stays in the record."""
    viewer = as_viewer(viewer)
    if comment.status != CommentStatus.DRAFT or not is_own_comment(viewer, comment):
        return False
    return comment.author_id == viewer.pk or may_act_for_comment(viewer, comment)


def can_submit_comment(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return (
        comment.status == CommentStatus.DRAFT
        and comment.consultation.allows(ConsultationAction.SUBMIT_COMMENT, at=_now(now))
        and may_act_for_comment(viewer, comment)
    )


def can_withdraw_comment(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    viewer = as_viewer(viewer)
    return (
        comment.status == CommentStatus.SUBMITTED
        and comment.consultation.allows(ConsultationAction.WITHDRAW_COMMENT, at=_now(now))
        and may_act_for_comment(viewer, comment)
    )


def comments_are_public(consultation: Consultation, *, now: datetime | None = None) -> bool:
    """Submitted comments are public at once, or after the end, as the consultation says."""
    phase = consultation.phase_at(_now(now))
    if phase == ConsultationPhase.DRAFT:
        return False
    return consultation.comment_visibility == CommentVisibility.IMMEDIATELY or phase in _AFTER_END


def can_view_comment(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """Its organisation's members (or its resident author) always; those who run the
    consultation once submitted (withdrawn ones too); the public a submitted comment when
    the consultation's comments are public. A hidden comment is listed, without content."""
    viewer = as_viewer(viewer)
    if is_own_comment(viewer, comment):
        return True
    if comment.status == CommentStatus.DRAFT:
        return False
    if can_manage_consultation(viewer, comment.consultation):
        return True
    return comment.status == CommentStatus.SUBMITTED and comments_are_public(
        comment.consultation, now=now
    )


def can_see_comment_content(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """A hidden comment's text stays with its authors and the officials; everyone else sees
    that it was hidden, and why."""
    viewer = as_viewer(viewer)
    return can_view_comment(viewer, comment, now=now) and can_see_comment_text(viewer, comment)


def is_comment_insider(viewer: Any, comment: Comment) -> bool:
    """Its authors (the organisation's members, or the resident who wrote it) and those who
    run the consultation: they see the receipt and the names behind a comment."""
    viewer = as_viewer(viewer)
    return is_own_comment(viewer, comment) or can_manage_consultation(viewer, comment.consultation)


def can_see_tracking_number(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """The receipt number is its authors' and the officials'; once the report is published
    it is public, as the report lists every number."""
    viewer = as_viewer(viewer)
    if comment.tracking_number is None:
        return False
    if comment.consultation.phase_at(_now(now)) == ConsultationPhase.REPORT_PUBLISHED:
        return True
    return is_comment_insider(viewer, comment)


def can_see_comment_text(viewer: Any, comment: Comment) -> bool:
    """Of a comment the viewer may see (``can_view_comment``): its proposal, justification
    and attachments, unless it is hidden and the viewer is neither an author nor an
    official."""
    viewer = as_viewer(viewer)
    return not comment.is_hidden or is_comment_insider(viewer, comment)


def can_see_author_name(viewer: Any, comment: Comment) -> bool:
    """The name of the person who wrote a comment: its authors and the officials. The
    public reads the organisation's (or the council's) name, and "a resident" for a
    resident, before and after the report (residents' names are personal data)."""
    viewer = as_viewer(viewer)
    return is_comment_insider(viewer, comment)


def can_see_answer(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """The city's answer is published with the report: until then it is a working draft of
    those who run the consultation (the comment's authors included, they see "not yet
    published"); afterwards everyone reads it."""
    viewer = as_viewer(viewer)
    if comment.consultation.phase_at(_now(now)) == ConsultationPhase.REPORT_PUBLISHED:
        return True
    return can_manage_consultation(viewer, comment.consultation)


def can_hide_comment(viewer: Any, comment: Comment) -> bool:
    viewer = as_viewer(viewer)
    return comment.status == CommentStatus.SUBMITTED and can_manage_consultation(
        viewer, comment.consultation
    )


def can_answer_comment(viewer: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """After the end and until the report is published; submitted comments only."""
    viewer = as_viewer(viewer)
    return (
        comment.status == CommentStatus.SUBMITTED
        and comment.consultation.allows(ConsultationAction.ANSWER, at=_now(now))
        and can_manage_consultation(viewer, comment.consultation)
    )


def can_publish_report(
    viewer: Any, consultation: Consultation, *, now: datetime | None = None
) -> bool:
    viewer = as_viewer(viewer)
    return consultation.allows(
        ConsultationAction.PUBLISH_REPORT, at=_now(now)
    ) and can_manage_consultation(viewer, consultation)


def can_view_report(
    viewer: Any, consultation: Consultation, *, now: datetime | None = None
) -> bool:
    """The published report is public; those who run the consultation preview it after the
    end."""
    viewer = as_viewer(viewer)
    phase = consultation.phase_at(_now(now))
    if phase == ConsultationPhase.REPORT_PUBLISHED:
        return True
    return phase == ConsultationPhase.CLOSED and can_manage_consultation(viewer, consultation)
