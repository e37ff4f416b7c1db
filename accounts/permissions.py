"""Pure predicates: who may do what with people and organisations. Deny by default.

Each takes the viewer (``accounts.viewer.Viewer``), whose memberships were read once for
the request; given a user instead, a predicate about memberships reads that user's
membership of the organisation (one query), as callers not yet passing a viewer expect.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from accounts import two_factor
from accounts.exceptions import EmailNotVerified
from accounts.models import (
    ApiToken,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationChange,
    OrganisationClaim,
    OrganisationStatus,
)
from accounts.viewer import Viewer, as_viewer


def is_authenticated(user: Any) -> bool:
    if isinstance(user, Viewer):
        return user.is_authenticated
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_administrator(user: Any) -> bool:
    if isinstance(user, Viewer):
        return user.is_administrator
    return is_authenticated(user) and user.is_staff


def is_official(user: Any) -> bool:
    """An active official's post in some department: from the viewer's affiliations (the
    request's, when ``user`` is the request's user), never cached on the user object."""
    return as_viewer(user).is_official


def has_verified_email(user: Any) -> bool:
    """Signed in with a confirmed e-mail address: needed to comment, to register an
    organisation and to ask to join one (``require_verified_email``)."""
    viewer = as_viewer(user)
    return viewer.is_authenticated and viewer.user.email_verified_at is not None


def require_verified_email(user: Any) -> None:
    """``has_verified_email`` for services: a signed-in user without a confirmed address
    is refused with ``EmailNotVerified``, whose message says how to get the link."""
    if is_authenticated(user) and not has_verified_email(user):
        raise EmailNotVerified()


def _live_membership(user: Any, organisation: Organisation) -> Any:
    """The user's active or requested membership of the organisation (its ``role`` and
    ``status``), or None: from the viewer, or read for a user."""
    if isinstance(user, Viewer):
        return user.membership(organisation.pk)
    if not is_authenticated(user):
        return None
    return (
        Membership.objects.filter(
            user=user,
            organisation=organisation,
            status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED],
        )
        .only("id", "role", "status")
        .first()
    )


def is_representative_of(user: Any, organisation: Organisation) -> bool:
    membership = _live_membership(user, organisation)
    return bool(
        membership
        and membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.REPRESENTATIVE
    )


def is_member_of(user: Any, organisation: Organisation) -> bool:
    """Any active membership, representatives included."""
    membership = _live_membership(user, organisation)
    return bool(membership and membership.status == MembershipStatus.ACTIVE)


def _pk(user: Any) -> Any:
    return getattr(user, "pk", None)


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    if organisation.status == OrganisationStatus.VERIFIED:
        return True
    if is_administrator(user) or is_official(user):
        return True
    return _live_membership(user, organisation) is not None


def can_register_organisation(user: Any) -> bool:
    return is_authenticated(user)


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    return is_administrator(user) or is_representative_of(user, organisation)


def can_decide_organisation(user: Any, organisation: Organisation) -> bool:
    """Verify or reject: officials and administrators, never someone deciding on their own."""
    if not (is_administrator(user) or is_official(user)):
        return False
    return is_administrator(user) or _live_membership(user, organisation) is None


def can_view_members(user: Any, organisation: Organisation) -> bool:
    return is_administrator(user) or is_official(user) or is_member_of(user, organisation)


def can_request_membership(user: Any, organisation: Organisation) -> bool:
    return (
        is_authenticated(user)
        and organisation.status != OrganisationStatus.REJECTED
        and _live_membership(user, organisation) is None
    )


def can_decide_membership(user: Any, membership: Membership) -> bool:
    """Approve, decline or change the role: the organisation's representatives and admins."""
    if is_administrator(user):
        return True
    if membership.user_id == _pk(user):
        return False
    return is_representative_of(user, membership.organisation)


def can_revoke_membership(user: Any, membership: Membership) -> bool:
    """End a membership: its own member (leaving), a representative, or an administrator."""
    if not is_authenticated(user):
        return False
    if membership.user_id == _pk(user):
        return True
    return is_administrator(user) or is_representative_of(user, membership.organisation)


def can_act_for_organisation(user: Any, organisation: Organisation) -> bool:
    """Submit on the organisation's behalf: a representative of a verified organisation."""
    return organisation.is_verified and is_representative_of(user, organisation)


def can_draft_for_organisation(user: Any, organisation: Organisation) -> bool:
    """Draft on the organisation's behalf: any active member of a verified organisation."""
    return organisation.is_verified and is_member_of(user, organisation)


def can_revoke_api_token(user: Any, token: ApiToken) -> bool:
    """A token's own user, or an administrator."""
    return is_authenticated(user) and (token.user_id == _pk(user) or is_administrator(user))


def can_read_audit_log(user: Any) -> bool:
    return is_administrator(user) or is_official(user)


# --- Two-factor login -------------------------------------------------------------------


def can_use_two_factor(user: Any) -> bool:
    """Anyone with an account may turn two-factor login on for themselves."""
    return is_authenticated(user)


def must_use_two_factor(user: Any) -> bool:
    """The viewer holds a role that ``settings.TWO_FACTOR_REQUIRED_ROLES`` lists
    (``accounts.two_factor``: administrator, official, council officer): they must turn
    two-factor login on before using anything else. Nobody must while the list is empty."""
    required = settings.TWO_FACTOR_REQUIRED_ROLES
    if not required or not is_authenticated(user):
        return False
    viewer = as_viewer(user)
    return any(two_factor.holds_role(role, viewer) for role in required)


def can_request_organisation_change(user: Any, organisation: Organisation) -> bool:
    """Propose a verified organisation's new name or numbers: its representatives (an
    administrator changes them directly)."""
    return is_representative_of(user, organisation)


def can_view_organisation_change(user: Any, change: OrganisationChange) -> bool:
    return is_administrator(user) or is_representative_of(user, change.organisation)


def can_review_organisation_change(user: Any, change: OrganisationChange | None = None) -> bool:
    """Approve or reject a change of name or numbers: administrators only."""
    return is_administrator(user)


def can_claim_identifiers(user: Any, organisation: Organisation) -> bool:
    """Claim the numbers another organisation holds: anyone signed in who is not one of
    its members (a member would be claiming from itself)."""
    return (
        is_authenticated(user)
        and organisation.status != OrganisationStatus.REJECTED
        and _live_membership(user, organisation) is None
    )


def can_view_organisation_claim(user: Any, claim: OrganisationClaim) -> bool:
    return is_administrator(user) or (is_authenticated(user) and claim.claimant_id == _pk(user))


def can_decide_organisation_claim(user: Any, claim: OrganisationClaim | None = None) -> bool:
    """Uphold or dismiss a claim: administrators only."""
    return is_administrator(user)
