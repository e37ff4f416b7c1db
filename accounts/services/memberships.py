"""Every change to a membership: asking to join, the representatives' decisions, the
role, and leaving."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import notifications, permissions
from accounts.events import AccountVerb
from accounts.exceptions import LastRepresentative, MembershipExists
from accounts.models import Membership, MembershipRole, MembershipStatus, Organisation, User
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log


@transaction.atomic
def membership_request(*, organisation: Organisation, actor: User, message: str = "") -> Membership:
    """Ask to join an organisation as a member; its representatives decide. The actor's
    e-mail address must be confirmed (``EmailNotVerified``)."""
    if Membership.objects.filter(
        user=actor,
        organisation=organisation,
        status__in=[MembershipStatus.REQUESTED, MembershipStatus.ACTIVE],
    ).exists():
        raise MembershipExists()
    if not permissions.can_request_membership(actor, organisation):
        raise NotAllowed()
    permissions.require_verified_email(actor)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=actor,
                organisation=organisation,
                role=MembershipRole.MEMBER,
                status=MembershipStatus.REQUESTED,
                message=message.strip(),
            )
    except IntegrityError:
        raise MembershipExists() from None
    audit_log(actor=actor, verb=AccountVerb.MEMBERSHIP_REQUESTED, target=membership)
    notifications.notify_membership_requested(membership=membership)
    return membership


def _locked_membership(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update()
        .select_related("organisation", "user")
        .get(pk=membership.pk)
    )


def _decide(membership: Membership, *, actor: User, status: str, role: str | None = None) -> None:
    membership.status = status
    if role is not None:
        membership.role = role
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "role", "decided_by", "decided_at", "updated_at"])


@transaction.atomic
def membership_approve(
    *, membership: Membership, actor: User, role: str = MembershipRole.MEMBER
) -> Membership:
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose member or representative.")})
    if not permissions.can_decide_membership(actor, membership):
        raise NotAllowed()
    membership = _locked_membership(membership)
    if membership.status != MembershipStatus.REQUESTED:
        raise InvalidTransition(_("Only a pending request can be approved."))
    _decide(membership, actor=actor, status=MembershipStatus.ACTIVE, role=role)
    audit_log(
        actor=actor, verb=AccountVerb.MEMBERSHIP_APPROVED, target=membership, data={"role": role}
    )
    notifications.notify_membership_decision(membership=membership, actor=actor)
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership, actor: User) -> Membership:
    if not permissions.can_decide_membership(actor, membership):
        raise NotAllowed()
    membership = _locked_membership(membership)
    if membership.status != MembershipStatus.REQUESTED:
        raise InvalidTransition(_("Only a pending request can be declined."))
    _decide(membership, actor=actor, status=MembershipStatus.DECLINED)
    audit_log(actor=actor, verb=AccountVerb.MEMBERSHIP_DECLINED, target=membership)
    notifications.notify_membership_decision(membership=membership, actor=actor)
    return membership


def _ensure_other_representative(membership: Membership) -> None:
    others = (
        Membership.objects.representatives()
        .filter(organisation_id=membership.organisation_id)
        .exclude(pk=membership.pk)
        .select_for_update()
    )
    if not others.exists():
        raise LastRepresentative()


@transaction.atomic
def membership_set_role(*, membership: Membership, actor: User, role: str) -> Membership:
    """Make an active member a representative, or a representative a plain member."""
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose member or representative.")})
    if not permissions.can_decide_membership(actor, membership):
        raise NotAllowed()
    membership = _locked_membership(membership)
    if membership.status != MembershipStatus.ACTIVE:
        raise InvalidTransition(_("Only an active membership can change its role."))
    if membership.role == MembershipRole.REPRESENTATIVE and role == MembershipRole.MEMBER:
        _ensure_other_representative(membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit_log(
        actor=actor,
        verb=AccountVerb.MEMBERSHIP_ROLE_CHANGED,
        target=membership,
        data={"from": previous, "to": role},
    )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: User) -> Membership:
    """End a membership (or withdraw a pending request). The last representative stays."""
    if not permissions.can_revoke_membership(actor, membership):
        raise NotAllowed()
    membership = _locked_membership(membership)
    if membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED):
        raise InvalidTransition(_("This membership has already ended."))
    if (
        membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.REPRESENTATIVE
        and not permissions.is_administrator(actor)
    ):
        _ensure_other_representative(membership)
    _decide(membership, actor=actor, status=MembershipStatus.REVOKED)
    audit_log(actor=actor, verb=AccountVerb.MEMBERSHIP_REVOKED, target=membership)
    notifications.notify_membership_decision(membership=membership, actor=actor)
    return membership
