"""Every change to an organisation: registration, its details, verification and rejection."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import notifications, permissions
from accounts.events import AccountVerb
from accounts.exceptions import DuplicateOrganisation
from accounts.models import (
    ActivityArea,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationChange,
    OrganisationStatus,
    User,
)
from accounts.validators import normalise_krs, normalise_nip, normalise_regon
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log

ORGANISATION_FIELDS = (
    "name",
    "legal_form",
    "krs",
    "nip",
    "regon",
    "street",
    "postal_code",
    "city",
    "email",
    "website",
    "description",
)
_IDENTIFIER_LABELS = {"krs": "KRS", "nip": "NIP", "regon": "REGON"}


def _normalise_identifiers(data: dict[str, Any]) -> dict[str, Any]:
    normalisers = {"krs": normalise_krs, "nip": normalise_nip, "regon": normalise_regon}
    for field, normalise in normalisers.items():
        if data.get(field):
            data[field] = normalise(str(data[field]))
    return data


def identifier_holders(organisation: Organisation) -> dict[str, Organisation]:
    """``{field: organisation}`` for each of ``organisation``'s KRS, NIP and REGON that
    another organisation holds (pending or verified: a rejected one holds nothing)."""
    holders = {}
    for field in _IDENTIFIER_LABELS:
        value = getattr(organisation, field)
        if not value:
            continue
        holder = (
            Organisation.objects.holding_identifiers()
            .filter(**{field: value})
            .exclude(pk=organisation.pk)
            .first()
        )
        if holder is not None:
            holders[field] = holder
    return holders


def _check_duplicates(organisation: Organisation, *, claimable: bool = False) -> None:
    """Refuse numbers another organisation holds; on a registration (``claimable``) the
    message says the real organisation may claim them."""
    for field in identifier_holders(organisation):
        label = _IDENTIFIER_LABELS[field]
        if claimable:
            message = _(
                "An organisation with this %(identifier)s number is already registered. If "
                "the number is yours, file a claim: an administrator will review it."
            ) % {"identifier": label}
        else:
            message = _(
                "An organisation with this %(identifier)s number is already registered."
            ) % {"identifier": label}
        raise DuplicateOrganisation(
            message, extra={"fields": {field: [_("This number is already registered.")]}}
        )


def _save_organisation(organisation: Organisation, *, claimable: bool = False) -> None:
    # The unique constraints would report a clash as "Constraint … is violated";
    # _check_duplicates names the number instead, and the database still has the last word.
    organisation.full_clean(exclude=["areas"], validate_constraints=False)
    _check_duplicates(organisation, claimable=claimable)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Two registrations of the same numbers raced past the check above.
        raise DuplicateOrganisation() from None


@transaction.atomic
def organisation_register(
    *, actor: User, areas: list[ActivityArea] | None = None, **data: Any
) -> Organisation:
    """Register an NGO, pending verification; the registering user becomes its representative.

    Raises EmailNotVerified (the actor's address is not confirmed), ValidationError (bad
    KRS/NIP/REGON or other fields) or DuplicateOrganisation; nothing is stored then.
    Audited.
    """
    if not permissions.can_register_organisation(actor):
        raise NotAllowed()
    permissions.require_verified_email(actor)
    organisation = register_for(representative=actor, areas=areas, data=data)
    audit_log(actor=actor, verb=AccountVerb.ORGANISATION_REGISTERED, target=organisation)
    return organisation


def register_for(
    *, representative: User, areas: list[ActivityArea] | None, data: dict[str, Any]
) -> Organisation:
    """Store a registration, pending, with ``representative`` as its representative (a
    registration, or an upheld claim's). The caller checks and audits."""
    unknown = set(data) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    organisation = Organisation(
        **_normalise_identifiers(dict(data)),
        status=OrganisationStatus.PENDING,
        registered_by=representative,
    )
    _save_organisation(organisation, claimable=True)
    if areas:
        organisation.areas.set(areas)
    Membership.objects.create(
        user=representative,
        organisation=organisation,
        role=MembershipRole.REPRESENTATIVE,
        status=MembershipStatus.ACTIVE,
        decided_at=timezone.now(),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor: User,
    areas: list[ActivityArea] | None = None,
    **data: Any,
) -> Organisation:
    """Change an organisation's details: its representatives, or an administrator.

    A verified organisation's name and numbers (``Organisation.IDENTITY_FIELDS``) change
    only with an administrator's approval: a representative's new values become a pending
    ``OrganisationChange`` (replacing the proposal of one already pending, checked as a
    registration would be) and the organisation keeps its current ones until approved.
    Everything else, and everything of an organisation not yet verified, changes at once;
    an administrator's changes too. Audited (``organisation.updated`` and, for a proposal,
    ``organisation.change_requested``).
    """
    if not permissions.can_edit_organisation(actor, organisation):
        raise NotAllowed()
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    reviewed = organisation.is_verified and not permissions.is_administrator(actor)
    changed = {}
    proposed = {}
    for field, value in _normalise_identifiers(dict(data)).items():
        if field not in ORGANISATION_FIELDS:
            raise TypeError(f"Unknown organisation field: {field}")
        current = getattr(organisation, field)
        if current == value:
            continue
        if reviewed and field in Organisation.IDENTITY_FIELDS:
            proposed[field] = {"from": current, "to": value}
        else:
            changed[field] = {"from": current, "to": value}
            setattr(organisation, field, value)
    if proposed:
        check_proposed_identity(organisation, proposed)
    _save_organisation(organisation)
    if areas is not None:
        organisation.areas.set(areas)
    audit_log(actor=actor, verb=AccountVerb.ORGANISATION_UPDATED, target=organisation, data=changed)
    if proposed:
        _request_change(organisation=organisation, actor=actor, proposed=proposed)
    return organisation


def check_proposed_identity(organisation: Organisation, proposed: dict[str, Any]) -> None:
    """The organisation as ``proposed`` would make it is valid and its numbers are free:
    checked when the change is asked for and again when it is approved."""
    candidate = copy.copy(organisation)
    for field, values in proposed.items():
        setattr(candidate, field, values["to"])
    candidate.full_clean(exclude=["areas"], validate_constraints=False)
    _check_duplicates(candidate)


def _request_change(
    *, organisation: Organisation, actor: User, proposed: dict[str, Any]
) -> OrganisationChange:
    # The organisation's row is locked: two proposals never race to be the pending one.
    change = OrganisationChange.objects.pending().filter(organisation=organisation).first()
    if change is None:
        change = OrganisationChange(organisation=organisation)
    change.changes = proposed
    change.requested_by = actor
    change.save()
    audit_log(
        actor=actor,
        verb=AccountVerb.ORGANISATION_CHANGE_REQUESTED,
        target=organisation,
        data={"change": change.pk, "changes": proposed},
    )
    return change


ORGANISATION_DECISION_VERBS: dict[str, AccountVerb] = {
    OrganisationStatus.VERIFIED: AccountVerb.ORGANISATION_VERIFIED,
    OrganisationStatus.REJECTED: AccountVerb.ORGANISATION_REJECTED,
}


def _organisation_transition(
    *, organisation: Organisation, actor: User, to: str, reason: str = ""
) -> Organisation:
    if not permissions.can_decide_organisation(actor, organisation):
        raise NotAllowed()
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if to not in Organisation.TRANSITIONS.get(organisation.status, set()):
        raise InvalidTransition(
            _("The organisation is already %(status)s.")
            % {"status": organisation.get_status_display()}
        )
    previous = organisation.status
    if previous == OrganisationStatus.REJECTED:
        # A rejected organisation held no numbers; meanwhile another may have taken them.
        _check_duplicates(organisation)
    organisation.status = to
    organisation.rejection_reason = reason
    organisation.decided_by = actor
    organisation.decided_at = timezone.now()
    organisation.save(
        update_fields=["status", "rejection_reason", "decided_by", "decided_at", "updated_at"]
    )
    audit_log(
        actor=actor,
        verb=ORGANISATION_DECISION_VERBS[to],
        target=organisation,
        data={"from": previous, "reason": reason},
    )
    notifications.notify_organisation_decision(organisation=organisation)
    return organisation


@transaction.atomic
def organisation_verify(*, organisation: Organisation, actor: User) -> Organisation:
    """Confirm an organisation (and so its representatives): it may act from now on."""
    return _organisation_transition(
        organisation=organisation, actor=actor, to=OrganisationStatus.VERIFIED
    )


@transaction.atomic
def organisation_reject(*, organisation: Organisation, actor: User, reason: str) -> Organisation:
    """Refuse an organisation; the reason is shown to its representatives."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason, so the organisation can respond.")})
    return _organisation_transition(
        organisation=organisation, actor=actor, to=OrganisationStatus.REJECTED, reason=reason
    )
