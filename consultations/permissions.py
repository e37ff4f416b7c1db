"""Pure predicates: who may read and change consultations and comments. Deny by default.

Officials of the act's responsible department and administrators run its consultations
(the act's own rules are in ``acts.permissions``). Members of a verified organisation
draft its comments, its representatives submit and withdraw them; a resident comments in
their own name where the audience allows.

The viewer's departments and memberships are read once and kept on the user object, so
checking every comment of a long list costs no further queries. Predicates that depend on
the clock take ``now`` (frozen in tests); by default the present moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from accounts.models import MembershipRole
from acts.models import ActVersion
from acts.permissions import can_edit_act, is_official_of
from consultations.models import (
    Audience,
    Comment,
    CommentStatus,
    CommentVisibility,
    Consultation,
    ConsultationPhase,
    ConsultationStatus,
)

# Phases in which comments may be drafted (before the start, too) and in which the clock
# has not yet run out.
_BEFORE_END = frozenset({ConsultationPhase.SCHEDULED, ConsultationPhase.OPEN})
_AFTER_END = frozenset({ConsultationPhase.CLOSED, ConsultationPhase.REPORT_PUBLISHED})


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def membership_roles(user: Any) -> dict[int, str]:
    """The verified organisations the user is an active member of, with the role in each."""
    if not account_permissions.is_authenticated(user):
        return {}
    return account_selectors.user_affiliations_cached(user=user).organisation_roles


def member_organisation_ids(user: Any) -> frozenset[int]:
    return frozenset(membership_roles(user))


def member_organisation_names(user: Any) -> dict[int, str]:
    """The names of the verified organisations the user is an active member of."""
    if not account_permissions.is_authenticated(user):
        return {}
    return account_selectors.user_affiliations_cached(user=user).organisation_names


def represented_organisation_ids(user: Any) -> frozenset[int]:
    return frozenset(
        organisation_id
        for organisation_id, role in membership_roles(user).items()
        if role == MembershipRole.REPRESENTATIVE
    )


def _department_id(consultation: Consultation) -> int:
    return consultation.version.act.department_id


def can_manage_consultation(user: Any, consultation: Consultation) -> bool:
    """Create, change, schedule, extend, cancel, moderate, answer, publish the report:
    officials of the act's responsible department and administrators."""
    return account_permissions.is_administrator(user) or is_official_of(
        user, _department_id(consultation)
    )


def can_create_consultation(user: Any, version: ActVersion) -> bool:
    return can_edit_act(user, version.act)


def can_view_consultation(user: Any, consultation: Consultation) -> bool:
    """Everything but a draft is public; a draft stays with its department."""
    return consultation.status != ConsultationStatus.DRAFT or can_manage_consultation(
        user, consultation
    )


def residents_may_comment(consultation: Consultation) -> bool:
    return consultation.audience == Audience.ORGANISATIONS_AND_RESIDENTS


def can_comment(
    user: Any, consultation: Consultation, *, organisation: Any = None, now: datetime | None = None
) -> bool:
    """Start a comment (a draft): before the end, for an organisation the user is a member
    of, or in their own name when residents may comment. Those who run the consultation do
    not comment on it in their own name."""
    if consultation.phase_at(_now(now)) not in _BEFORE_END:
        return False
    if organisation is not None:
        return organisation.pk in member_organisation_ids(user)
    return (
        account_permissions.is_authenticated(user)
        and residents_may_comment(consultation)
        and not can_manage_consultation(user, consultation)
    )


def is_own_comment(user: Any, comment: Comment) -> bool:
    """The comment belongs to the user: their organisation's, or theirs as a resident."""
    if comment.organisation_id is not None:
        return comment.organisation_id in member_organisation_ids(user)
    return (
        _is_residents(comment)
        and account_permissions.is_authenticated(user)
        and comment.author_id == user.pk
    )


def _is_residents(comment: Comment) -> bool:
    """Written by a resident in their own name (not for an organisation, and not the NGO
    council's submission, which its officer delivers but does not own)."""
    return comment.organisation_id is None and comment.council_submission_id is None


def may_act_for_comment(user: Any, comment: Comment) -> bool:
    """Submit, change after submission, withdraw: a representative of the organisation, or
    the resident who wrote it (while residents may comment)."""
    if comment.organisation_id is not None:
        return comment.organisation_id in represented_organisation_ids(user)
    return (
        _is_residents(comment)
        and account_permissions.is_authenticated(user)
        and comment.author_id == user.pk
        and residents_may_comment(comment.consultation)
    )


def can_edit_comment(user: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """Until the end: a draft by any member (or its resident author), a submitted comment
    by those who may submit it. A hidden or withdrawn comment stays as it is."""
    if comment.consultation.phase_at(_now(now)) not in _BEFORE_END or comment.is_hidden:
        return False
    if comment.status == CommentStatus.DRAFT:
        return is_own_comment(user, comment)
    if comment.status == CommentStatus.SUBMITTED:
        return may_act_for_comment(user, comment)
    return False


def can_submit_comment(user: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    return (
        comment.status == CommentStatus.DRAFT
        and comment.consultation.phase_at(_now(now)) == ConsultationPhase.OPEN
        and may_act_for_comment(user, comment)
    )


def can_withdraw_comment(user: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    return (
        comment.status == CommentStatus.SUBMITTED
        and comment.consultation.phase_at(_now(now)) == ConsultationPhase.OPEN
        and may_act_for_comment(user, comment)
    )


def comments_are_public(consultation: Consultation, *, now: datetime | None = None) -> bool:
    """Submitted comments are public at once, or after the end, as the consultation says."""
    phase = consultation.phase_at(_now(now))
    if phase == ConsultationPhase.DRAFT:
        return False
    return consultation.comment_visibility == CommentVisibility.IMMEDIATELY or phase in _AFTER_END


def can_view_comment(user: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """Its organisation's members (or its resident author) always; those who run the
    consultation once submitted (withdrawn ones too); the public a submitted comment when
    the consultation's comments are public. A hidden comment is listed, without content."""
    if is_own_comment(user, comment):
        return True
    if comment.status == CommentStatus.DRAFT:
        return False
    if can_manage_consultation(user, comment.consultation):
        return True
    return comment.status == CommentStatus.SUBMITTED and comments_are_public(
        comment.consultation, now=now
    )


def can_see_comment_content(user: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """A hidden comment's text stays with its authors and the officials; everyone else sees
    that it was hidden, and why."""
    if not can_view_comment(user, comment, now=now):
        return False
    if not comment.is_hidden:
        return True
    return is_own_comment(user, comment) or can_manage_consultation(user, comment.consultation)


def can_hide_comment(user: Any, comment: Comment) -> bool:
    return comment.status == CommentStatus.SUBMITTED and can_manage_consultation(
        user, comment.consultation
    )


def can_answer_comment(user: Any, comment: Comment, *, now: datetime | None = None) -> bool:
    """After the end and until the report is published; submitted comments only."""
    return (
        comment.status == CommentStatus.SUBMITTED
        and comment.consultation.phase_at(_now(now)) == ConsultationPhase.CLOSED
        and can_manage_consultation(user, comment.consultation)
    )


def can_publish_report(
    user: Any, consultation: Consultation, *, now: datetime | None = None
) -> bool:
    return consultation.phase_at(_now(now)) == ConsultationPhase.CLOSED and can_manage_consultation(
        user, consultation
    )


def can_view_report(user: Any, consultation: Consultation, *, now: datetime | None = None) -> bool:
    """The published report is public; those who run the consultation preview it after the
    end."""
    phase = consultation.phase_at(_now(now))
    if phase == ConsultationPhase.REPORT_PUBLISHED:
        return True
    return phase == ConsultationPhase.CLOSED and can_manage_consultation(user, consultation)
