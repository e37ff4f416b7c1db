"""Every change to people, organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts import permissions, tasks
from accounts.events import AccountVerb
from accounts.exceptions import (
    DuplicateOrganisation,
    InvalidToken,
    LastRepresentative,
    MembershipExists,
)
from accounts.models import (
    ActivityArea,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
    User,
)
from accounts.tokens import email_verification_token
from accounts.validators import normalise_krs, normalise_nip, normalise_regon
from core.exceptions import InvalidTransition, NotAllowed
from core.mail import send_templated_mail
from core.services import audit_log
from core.tasks import enqueue_on_commit

# --- Users ------------------------------------------------------------------------------


def user_send_verification_email(*, user: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    path = reverse("accounts:verify_email", kwargs={"uidb64": uid, "token": token})
    send_templated_mail(
        to=user.email,
        template="account_verification",
        context={"user": user, "url": f"{settings.SITE_URL}{path}"},
        language=user.language,
    )


def user_verification_email_request(*, user: User) -> None:
    """Queue a new verification e-mail; a worker sends it after the current transaction
    commits (``accounts.tasks``)."""
    enqueue_on_commit(tasks.send_verification_email, user.pk)


def user_password_reset_request(*, user: User) -> None:
    """Queue the e-mail with a link to set a new password (``accounts.tasks``)."""
    enqueue_on_commit(tasks.send_password_reset_email, user.pk)


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, language: str = "pl") -> User:
    """Create an account that must confirm its e-mail address.

    Side effect: after commit, the verification e-mail is queued (``accounts.tasks``).
    Raises ValidationError for a taken address or a weak password; nothing is stored then.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    user = User(email=email, full_name=full_name.strip(), language=language)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_log(actor=user, verb=AccountVerb.USER_REGISTERED, target=user)
    enqueue_on_commit(tasks.send_verification_email, user.pk)
    return user


@transaction.atomic
def user_verify_email(*, user: User, token: str) -> User:
    if not email_verification_token.check_token(user, token):
        raise InvalidToken()
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
        audit_log(actor=user, verb=AccountVerb.USER_EMAIL_VERIFIED, target=user)
    return user


@transaction.atomic
def user_update_profile(*, user: User, actor: User, full_name: str, language: str) -> User:
    if actor.pk != user.pk and not permissions.is_administrator(actor):
        raise NotAllowed()
    user.full_name = full_name.strip()
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "language"])
    audit_log(actor=actor, verb=AccountVerb.USER_PROFILE_UPDATED, target=user)
    return user


@transaction.atomic
def api_token_rotate(*, user: User) -> Token:
    """Replace the user's API token with a new one (the old one stops working at once)."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_log(actor=user, verb=AccountVerb.USER_API_TOKEN_CREATED, target=user)
    return token


@transaction.atomic
def api_token_obtain(*, user: User) -> Token:
    """The user's API token, created on first use; logging in again does not replace it,
    so the user's other clients keep working. Audited when a token is created."""
    token, created = Token.objects.get_or_create(user=user)
    if created:
        audit_log(actor=user, verb=AccountVerb.USER_API_TOKEN_CREATED, target=user)
    return token


@transaction.atomic
def api_token_revoke(*, user: User) -> None:
    deleted, _unused = Token.objects.filter(user=user).delete()
    if deleted:
        audit_log(actor=user, verb=AccountVerb.USER_API_TOKEN_REVOKED, target=user)


# --- Organisations ----------------------------------------------------------------------

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

    Raises ValidationError (bad KRS/NIP/REGON or other fields) or DuplicateOrganisation;
    nothing is stored then. Audited.
    """
    if not permissions.can_register_organisation(actor):
        raise NotAllowed()
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


# --- Memberships ------------------------------------------------------------------------


@transaction.atomic
def membership_request(*, organisation: Organisation, actor: User, message: str = "") -> Membership:
    """Ask to join an organisation as a member; its representatives decide."""
    if Membership.objects.filter(
        user=actor,
        organisation=organisation,
        status__in=[MembershipStatus.REQUESTED, MembershipStatus.ACTIVE],
    ).exists():
        raise MembershipExists()
    if not permissions.can_request_membership(actor, organisation):
        raise NotAllowed()
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
    return membership
