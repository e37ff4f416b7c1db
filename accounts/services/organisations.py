"""Every change to an organisation: registration, its details, verification and rejection."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.events import AccountVerb
from accounts.exceptions import DuplicateOrganisation
from accounts.models import (
    ActivityArea,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
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


def _check_duplicates(organisation: Organisation) -> None:
    for field, label in _IDENTIFIER_LABELS.items():
        value = getattr(organisation, field)
        if not value:
            continue
        clash = Organisation.objects.filter(**{field: value}).exclude(pk=organisation.pk)
        if clash.exists():
            raise DuplicateOrganisation(
                _("An organisation with this %(identifier)s number is already registered.")
                % {"identifier": label},
                extra={"fields": {field: [_("This number is already registered.")]}},
            )


def _save_organisation(organisation: Organisation) -> None:
    # The unique constraints would report a clash as "Constraint … is violated";
    # _check_duplicates names the number instead, and the database still has the last word.
    organisation.full_clean(exclude=["areas"], validate_constraints=False)
    _check_duplicates(organisation)
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
    unknown = set(data) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    organisation = Organisation(
        **_normalise_identifiers(dict(data)),
        status=OrganisationStatus.PENDING,
        registered_by=actor,
    )
    _save_organisation(organisation)
    if areas:
        organisation.areas.set(areas)
    Membership.objects.create(
        user=actor,
        organisation=organisation,
        role=MembershipRole.REPRESENTATIVE,
        status=MembershipStatus.ACTIVE,
        decided_at=timezone.now(),
    )
    audit_log(actor=actor, verb=AccountVerb.ORGANISATION_REGISTERED, target=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor: User,
    areas: list[ActivityArea] | None = None,
    **data: Any,
) -> Organisation:
    if not permissions.can_edit_organisation(actor, organisation):
        raise NotAllowed()
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = {}
    for field, value in _normalise_identifiers(dict(data)).items():
        if field not in ORGANISATION_FIELDS:
            raise TypeError(f"Unknown organisation field: {field}")
        if getattr(organisation, field) != value:
            changed[field] = {"from": getattr(organisation, field), "to": value}
            setattr(organisation, field, value)
    _save_organisation(organisation)
    if areas is not None:
        organisation.areas.set(areas)
    audit_log(actor=actor, verb=AccountVerb.ORGANISATION_UPDATED, target=organisation, data=changed)
    return organisation


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
