"""What the accounts services tell people (``notifications.registry``): decisions on an
organisation's registration, its name and numbers, claims to numbers, and memberships.

Each ``notify_*`` is called by the service that changes the state, inside its transaction
(the outbox: the event and its deliveries commit with the change or not at all). Who is told
is decided here, by the ``*_recipients`` selectors, and nowhere else.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    ClaimStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationChange,
    OrganisationClaim,
    ReviewStatus,
    User,
)
from notifications import categories
from notifications.registry import EventType, register
from notifications.services import record

ORGANISATION_VERIFIED = "organisation.verified"
ORGANISATION_REJECTED = "organisation.rejected"
ORGANISATION_CHANGE_APPROVED = "organisation.change_approved"
ORGANISATION_CHANGE_REJECTED = "organisation.change_rejected"
ORGANISATION_CLAIM_UPHELD = "organisation.claim_upheld"
ORGANISATION_CLAIM_DISMISSED = "organisation.claim_dismissed"
MEMBERSHIP_REQUESTED = "membership.requested"
MEMBERSHIP_APPROVED = "membership.approved"
MEMBERSHIP_DECLINED = "membership.declined"
MEMBERSHIP_REVOKED = "membership.revoked"

EVENT_TYPES = (
    # Decisions on who an organisation is are identity decisions: always sent.
    EventType(
        ORGANISATION_VERIFIED,
        categories.ORGANISATION,
        _("Organisation verified"),
        "organisation_verified",
        essential=True,
    ),
    EventType(
        ORGANISATION_REJECTED,
        categories.ORGANISATION,
        _("Organisation rejected"),
        "organisation_rejected",
        essential=True,
    ),
    EventType(
        ORGANISATION_CHANGE_APPROVED,
        categories.ORGANISATION,
        _("Change of name or numbers approved"),
        "organisation_change_approved",
        essential=True,
    ),
    EventType(
        ORGANISATION_CHANGE_REJECTED,
        categories.ORGANISATION,
        _("Change of name or numbers rejected"),
        "organisation_change_rejected",
        essential=True,
    ),
    EventType(
        ORGANISATION_CLAIM_UPHELD,
        categories.ORGANISATION,
        _("Claim to an organisation's numbers upheld"),
        "organisation_claim_upheld",
        essential=True,
    ),
    EventType(
        ORGANISATION_CLAIM_DISMISSED,
        categories.ORGANISATION,
        _("Claim to an organisation's numbers dismissed"),
        "organisation_claim_dismissed",
        essential=True,
    ),
    EventType(
        MEMBERSHIP_REQUESTED,
        categories.ORGANISATION,
        _("Someone asks to join your organisation"),
        "membership_requested",
    ),
    EventType(
        MEMBERSHIP_APPROVED,
        categories.ORGANISATION,
        _("Membership approved"),
        "membership_approved",
    ),
    EventType(
        MEMBERSHIP_DECLINED,
        categories.ORGANISATION,
        _("Membership declined"),
        "membership_declined",
    ),
    EventType(
        MEMBERSHIP_REVOKED,
        categories.ORGANISATION,
        _("Membership ended"),
        "membership_revoked",
    ),
)


def register_event_types() -> None:
    for event_type in EVENT_TYPES:
        register(event_type)


# --- Who is told ------------------------------------------------------------------------


def representatives_of(organisation_id: int) -> QuerySet[User]:
    """The active representatives of an organisation (active accounts only)."""
    tied = Membership.objects.representatives().filter(organisation_id=organisation_id)
    return User.objects.filter(is_active=True, pk__in=tied.values("user_id"))


def organisation_decision_recipients(organisation: Organisation) -> QuerySet[User]:
    """Verified or rejected: its representatives (whoever registered it is one)."""
    return representatives_of(organisation.pk)


def organisation_change_recipients(change: OrganisationChange) -> QuerySet[User]:
    """Approved or rejected: the representative who asked, and the organisation's
    representatives, who answer for its name."""
    tied = Membership.objects.representatives().filter(organisation_id=change.organisation_id)
    return User.objects.filter(
        Q(pk=change.requested_by_id) | Q(pk__in=tied.values("user_id")), is_active=True
    )


def claim_decision_recipients(claim: OrganisationClaim) -> QuerySet[User]:
    """Upheld or dismissed: the claimant only. (Upheld, the organisation that loses the
    numbers is rejected, and its representatives hear of it as a rejection.)"""
    return User.objects.filter(is_active=True, pk=claim.claimant_id)


def membership_request_recipients(membership: Membership) -> QuerySet[User]:
    """A request to join: the organisation's representatives, who decide."""
    return representatives_of(membership.organisation_id).exclude(pk=membership.user_id)


def membership_decision_recipients(membership: Membership, *, actor: Any) -> QuerySet[User]:
    """Approved, declined or ended: the person, unless they did it themselves (leaving,
    withdrawing their own request)."""
    if actor is not None and getattr(actor, "pk", None) == membership.user_id:
        return User.objects.none()
    return User.objects.filter(is_active=True, pk=membership.user_id)


# --- Recording (inside the service's transaction) ----------------------------------------


def _organisation_context(organisation: Organisation) -> dict[str, Any]:
    return {"organisation_id": organisation.pk, "organisation_name": organisation.name}


def _organisation_link(organisation_id: int) -> str:
    return reverse("organisations:detail", kwargs={"pk": organisation_id})


def notify_organisation_decision(*, organisation: Organisation) -> None:
    """The organisation was verified or rejected (by its status now), with the reason."""
    verified = organisation.is_verified
    event = ORGANISATION_VERIFIED if verified else ORGANISATION_REJECTED
    decided_at = organisation.decided_at
    record(
        event=event,
        key=f"{event}:{organisation.pk}:{decided_at.isoformat() if decided_at else ''}",
        recipients=organisation_decision_recipients(organisation),
        context={
            **_organisation_context(organisation),
            "reason": organisation.rejection_reason,
            "decided_at": decided_at,
        },
        link=_organisation_link(organisation.pk),
    )


def notify_organisation_change_decision(*, change: OrganisationChange) -> None:
    approved = change.status == ReviewStatus.APPROVED
    event = ORGANISATION_CHANGE_APPROVED if approved else ORGANISATION_CHANGE_REJECTED
    organisation = change.organisation
    record(
        event=event,
        key=f"{event}:{change.pk}",
        recipients=organisation_change_recipients(change),
        context={
            **_organisation_context(organisation),
            # Field names, not labels: the mail is written in the recipient's language.
            "changes": [
                {"field": field, "from": values["from"], "to": values["to"]}
                for field, values in change.changes.items()
            ],
            "reason": change.reason,
        },
        link=_organisation_link(organisation.pk),
    )


def notify_claim_decision(*, claim: OrganisationClaim) -> None:
    upheld = claim.status == ClaimStatus.UPHELD
    event = ORGANISATION_CLAIM_UPHELD if upheld else ORGANISATION_CLAIM_DISMISSED
    registered_id = claim.registered_organisation_id
    record(
        event=event,
        key=f"{event}:{claim.pk}",
        recipients=claim_decision_recipients(claim),
        context={
            "claimed_name": claim.claimed_name,
            "identifiers": {key.upper(): value for key, value in claim.identifiers.items()},
            "reason": claim.decision_reason,
            "registered_organisation_id": registered_id,
        },
        link=(
            _organisation_link(registered_id)
            if registered_id
            else reverse("organisations:claim_detail", kwargs={"pk": claim.pk})
        ),
    )


def notify_membership_requested(*, membership: Membership) -> None:
    record(
        event=MEMBERSHIP_REQUESTED,
        key=f"{MEMBERSHIP_REQUESTED}:{membership.pk}",
        recipients=membership_request_recipients(membership),
        context={
            **_organisation_context(membership.organisation),
            "person": membership.user.full_name or membership.user.email,
            "message": membership.message,
        },
        link=reverse("organisations:members", kwargs={"pk": membership.organisation_id}),
    )


_DECISION_EVENTS: dict[str, str] = {
    MembershipStatus.ACTIVE: MEMBERSHIP_APPROVED,
    MembershipStatus.DECLINED: MEMBERSHIP_DECLINED,
    MembershipStatus.REVOKED: MEMBERSHIP_REVOKED,
}


def notify_membership_decision(*, membership: Membership, actor: Any) -> None:
    """Approved, declined or ended (by the membership's status now)."""
    event = _DECISION_EVENTS[membership.status]
    record(
        event=event,
        key=f"{event}:{membership.pk}",
        recipients=membership_decision_recipients(membership, actor=actor),
        context={
            **_organisation_context(membership.organisation),
            "representative": membership.role == MembershipRole.REPRESENTATIVE,
        },
        link=_organisation_link(membership.organisation_id),
    )
