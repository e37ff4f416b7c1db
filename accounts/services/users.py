"""Every change to a person's account: registration, e-mail verification, the profile, and
the e-mails that reset a password."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions, tasks
from accounts.events import AccountVerb
from accounts.exceptions import InvalidToken, TooManyRequests
from accounts.models import User
from accounts.tokens import email_verification_token
from core import rate_limits
from core.exceptions import NotAllowed
from core.rate_limits import Limit
from core.services import audit_log
from core.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)

HOUR = timedelta(hours=1)
# A new verification link: once a minute, five times a day, per user.
VERIFICATION_RESEND_LIMITS = (Limit(1, timedelta(minutes=1)), Limit(5, timedelta(days=1)))
# "Someone tried to register with your address": at most this often per address.
EXISTING_ACCOUNT_NOTICE_LIMITS = (Limit(3, HOUR),)


@transaction.atomic
def user_verification_email_request(*, user: User) -> None:
    """Queue a new verification e-mail; a worker sends it after the current transaction
    commits (``accounts.tasks``). At most once a minute and five times a day per user
    (counted in the database, with the user's row locked, so the limit is exact):
    beyond, ``TooManyRequests``. Nothing for an address already confirmed."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_verified:
        return
    if not rate_limits.hit("verification_resend", user.pk, VERIFICATION_RESEND_LIMITS):
        raise TooManyRequests(
            _(
                "We sent you a link a moment ago. Look for it in your inbox (and in spam); "
                "you can ask for another one after a minute, five times a day at most."
            )
        )
    enqueue_on_commit(tasks.send_verification_email, user.pk)


@transaction.atomic
def user_password_reset_request(*, email: str, client: str | None) -> None:
    """Queue the e-mail with a link to set a new password for the active accounts with
    ``email`` (``accounts.tasks``); the caller answers the same whether there are any.

    At most ``PASSWORD_RESET_LIMIT_PER_ADDRESS`` an hour per address and
    ``PASSWORD_RESET_LIMIT_PER_CLIENT`` per client address (``core.rate_limits``, in the
    database): beyond, nothing is sent and the refusal is logged, not told, so the answer
    still says nothing about the address.
    """
    email = User.objects.normalize_email(email).strip().lower()
    per_address = rate_limits.hit(
        "password_reset_address",
        email,
        (Limit(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, HOUR),),
    )
    per_client = rate_limits.hit(
        "password_reset_client",
        client or "",
        (Limit(settings.PASSWORD_RESET_LIMIT_PER_CLIENT, HOUR),),
    )
    if not (per_address and per_client):
        logger.warning(
            "Password reset e-mail not sent: over the limit per %s (address digest %s).",
            "address" if not per_address else "client",
            rate_limits.digest(email)[:12],
        )
        return
    for user in User.objects.filter(email__iexact=email, is_active=True):
        if user.has_usable_password():
            enqueue_on_commit(tasks.send_password_reset_email, user.pk)


@transaction.atomic
def user_register(
    *, email: str, full_name: str, password: str, language: str = "pl"
) -> User | None:
    """Create an account that must confirm its e-mail address, and give it; or, for an
    address that already has an account, create nothing and give None.

    The caller answers both alike ("check your mail"), so registering does not tell who
    has an account: the existing account's owner is mailed a notice instead (at most
    three an hour per address), saying how to reset the password. A weak password is
    refused (ValidationError) for either, before the address is looked at.

    Side effect: after commit, the verification e-mail or the notice is queued
    (``accounts.tasks``).
    """
    email = User.objects.normalize_email(email).strip().lower()
    user = User(email=email, full_name=full_name.strip(), language=language)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    # Hashed either way, so the time taken does not tell the two answers apart either.
    user.set_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.is_active and rate_limits.hit(
            "existing_account_notice", email, EXISTING_ACCOUNT_NOTICE_LIMITS
        ):
            enqueue_on_commit(tasks.send_existing_account_notice, existing.pk)
        return None
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
