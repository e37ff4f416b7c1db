"""Who an organisation is: approving a verified organisation's new name or numbers, and
claims to numbers another registration holds."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import notifications, permissions
from accounts.events import AccountVerb
from accounts.models import (
    ActivityArea,
    ClaimStatus,
    Organisation,
    OrganisationChange,
    OrganisationClaim,
    OrganisationStatus,
    ReviewStatus,
    User,
)
from accounts.services.organisations import (
    ORGANISATION_FIELDS,
    _normalise_identifiers,
    _organisation_transition,
    _save_organisation,
    check_proposed_identity,
    identifier_holders,
    register_for,
)
from core.exceptions import Conflict, InvalidInput, InvalidTransition, NotAllowed
from core.services import audit_log


def _required_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def _locked_pending_change(change: OrganisationChange) -> OrganisationChange:
    change = OrganisationChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ReviewStatus.PENDING:
        raise InvalidTransition(
            _("This change has already been reviewed (%(status)s).")
            % {"status": change.get_status_display()}
        )
    return change


@transaction.atomic
def organisation_change_approve(*, change: OrganisationChange, actor: User) -> OrganisationChange:
    """Apply a proposed name or numbers to the organisation (administrators). The numbers
    are checked again: another organisation may have taken them meanwhile. Audited."""
    if not permissions.can_review_organisation_change(actor, change):
        raise NotAllowed(_("Only an administrator can approve a change of name or numbers."))
    organisation = Organisation.objects.select_for_update().get(pk=change.organisation_id)
    change = _locked_pending_change(change)
    check_proposed_identity(organisation, change.changes)
    for field, values in change.changes.items():
        setattr(organisation, field, values["to"])
    _save_organisation(organisation)
    _reviewed(change, actor=actor, status=ReviewStatus.APPROVED)
    audit_log(
        actor=actor,
        verb=AccountVerb.ORGANISATION_CHANGE_APPROVED,
        target=organisation,
        data={"change": change.pk, "changes": change.changes},
    )
    notifications.notify_organisation_change_decision(change=change)
    return change


def _reviewed(change: OrganisationChange, *, actor: User, status: str, reason: str = "") -> None:
    change.status = status
    change.reason = reason
    change.reviewed_by = actor
    change.reviewed_at = timezone.now()
    change.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at", "updated_at"])


@transaction.atomic
def organisation_change_reject(
    *, change: OrganisationChange, actor: User, reason: str
) -> OrganisationChange:
    """Refuse a proposed name or numbers (administrators), with the reason shown to the
    organisation's representatives; the organisation keeps its current ones. Audited."""
    if not permissions.can_review_organisation_change(actor, change):
        raise NotAllowed(_("Only an administrator can reject a change of name or numbers."))
    reason = _required_reason(reason, _("Give the reason, so the organisation can respond."))
    change = _locked_pending_change(change)
    _reviewed(change, actor=actor, status=ReviewStatus.REJECTED, reason=reason)
    audit_log(
        actor=actor,
        verb=AccountVerb.ORGANISATION_CHANGE_REJECTED,
        target=change.organisation,
        data={"change": change.pk, "reason": reason},
    )
    notifications.notify_organisation_change_decision(change=change)
    return change


# --- Claims -----------------------------------------------------------------------------


@transaction.atomic
def organisation_claim_file(
    *,
    actor: User,
    justification: str,
    areas: list[ActivityArea] | None = None,
    **data: Any,
) -> OrganisationClaim:
    """Claim numbers another organisation holds: the organisation the actor tried to
    register (``data``, as for ``organisation_register``) and why the numbers are theirs.

    The organisation is checked as a registration would be, except that its numbers are
    held by exactly one other organisation (pending or verified), which the claim is
    against. An administrator upholds or dismisses it. Raises EmailNotVerified when the
    actor's address is not confirmed, as registering does. Audited.
    """
    permissions.require_verified_email(actor)
    unknown = set(data) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError(
            {"justification": _("Explain why the numbers are yours: an administrator decides.")}
        )
    proposed = Organisation(**_normalise_identifiers(dict(data)))
    proposed.full_clean(exclude=["areas"], validate_constraints=False)
    holders = identifier_holders(proposed)
    if not holders:
        raise InvalidInput(
            _("No organisation holds these numbers. Register the organisation instead.")
        )
    if len({holder.pk for holder in holders.values()}) > 1:
        raise InvalidInput(
            _(
                "These numbers are held by more than one organisation. Claim them one "
                "organisation at a time: register with the numbers of one of them."
            )
        )
    holder = next(iter(holders.values()))
    if not permissions.can_claim_identifiers(actor, holder):
        raise NotAllowed(_("You belong to the organisation that holds these numbers."))
    registration = {field: getattr(proposed, field) for field in ORGANISATION_FIELDS}
    registration["areas"] = sorted(area.slug for area in areas or [])
    try:
        with transaction.atomic():
            claim = OrganisationClaim.objects.create(
                organisation=holder,
                claimant=actor,
                identifiers={field: getattr(proposed, field) for field in holders},
                registration=registration,
                justification=justification,
            )
    except IntegrityError:
        raise Conflict(
            _("You have already claimed these numbers. An administrator will review the claim.")
        ) from None
    audit_log(
        actor=actor,
        verb=AccountVerb.ORGANISATION_CLAIM_FILED,
        target=holder,
        data={"claim": claim.pk, "identifiers": claim.identifiers},
    )
    return claim


def _locked_pending_claim(claim: OrganisationClaim) -> OrganisationClaim:
    claim = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:
        raise InvalidTransition(
            _("This claim has already been decided (%(status)s).")
            % {"status": claim.get_status_display()}
        )
    return claim


def _decided(claim: OrganisationClaim, *, actor: User, status: str, reason: str) -> None:
    claim.status = status
    claim.decision_reason = reason
    claim.reviewed_by = actor
    claim.reviewed_at = timezone.now()
    claim.save()


@transaction.atomic
def organisation_claim_uphold(
    *, claim: OrganisationClaim, actor: User, reason: str
) -> OrganisationClaim:
    """The numbers are the claimant's (administrators): the organisation holding them is
    rejected (a verified one struck off), with ``reason``, which releases them, and the
    claimant's organisation is registered, pending verification, with the claimant as
    its representative. Audited: the holder's rejection, the registration, the decision.
    """
    if not permissions.can_decide_organisation_claim(actor, claim):
        raise NotAllowed(_("Only an administrator can decide on a claim."))
    reason = _required_reason(
        reason, _("Give the reason: it is shown to the organisation that loses the numbers.")
    )
    claim = _locked_pending_claim(claim)
    holder = Organisation.objects.select_for_update().get(pk=claim.organisation_id)
    if holder.status != OrganisationStatus.REJECTED:
        _organisation_transition(
            organisation=holder, actor=actor, to=OrganisationStatus.REJECTED, reason=reason
        )
    data = {field: claim.registration.get(field, "") for field in ORGANISATION_FIELDS}
    areas = list(ActivityArea.objects.filter(slug__in=claim.registration.get("areas", [])))
    registered = register_for(representative=claim.claimant, areas=areas, data=data)
    audit_log(
        actor=actor,
        verb=AccountVerb.ORGANISATION_REGISTERED,
        target=registered,
        data={"claim": claim.pk, "representative": claim.claimant_id},
    )
    claim.registered_organisation = registered
    _decided(claim, actor=actor, status=ClaimStatus.UPHELD, reason=reason)
    audit_log(
        actor=actor,
        verb=AccountVerb.ORGANISATION_CLAIM_UPHELD,
        target=holder,
        data={"claim": claim.pk, "registered": registered.pk},
    )
    notifications.notify_claim_decision(claim=claim)
    return claim


@transaction.atomic
def organisation_claim_dismiss(
    *, claim: OrganisationClaim, actor: User, reason: str
) -> OrganisationClaim:
    """The numbers stay where they are (administrators); the reason is shown to the
    claimant. Audited."""
    if not permissions.can_decide_organisation_claim(actor, claim):
        raise NotAllowed(_("Only an administrator can decide on a claim."))
    reason = _required_reason(reason, _("Give the reason, so the claimant can respond."))
    claim = _locked_pending_claim(claim)
    _decided(claim, actor=actor, status=ClaimStatus.DISMISSED, reason=reason)
    audit_log(
        actor=actor,
        verb=AccountVerb.ORGANISATION_CLAIM_DISMISSED,
        target=claim.organisation,
        data={"claim": claim.pk},
    )
    notifications.notify_claim_decision(claim=claim)
    return claim
