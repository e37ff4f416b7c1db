"""Every change to a person's account: registration, e-mail verification, the profile and
the API token."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts import permissions, tasks
from accounts.events import AccountVerb
from accounts.exceptions import InvalidToken
from accounts.models import User
from accounts.tokens import email_verification_token
from core.exceptions import NotAllowed
from core.services import audit_log
from core.tasks import enqueue_on_commit


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
def user_update_profile(
    *,
    user: User,
    actor: User,
    full_name: str,
    language: str,
    grammatical_gender: str | None = None,
) -> User:
    """Change a user's name, language and (unless None) the grammatical gender their role
    titles follow; the user or an administrator. Audited."""
    if actor.pk != user.pk and not permissions.is_administrator(actor):
        raise NotAllowed()
    user.full_name = full_name.strip()
    user.language = language
    if grammatical_gender is not None:
        user.grammatical_gender = grammatical_gender
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "language", "grammatical_gender"])
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
