"""The account e-mails that are not a state change: composed and sent by ``accounts.tasks``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.tokens import email_verification_token
from core.mail import send_templated_mail


def send_verification_email(*, user: User) -> None:
    """The link that confirms the user's e-mail address, in the user's language."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    path = reverse("accounts:verify_email", kwargs={"uidb64": uid, "token": token})
    send_templated_mail(
        to=user.email,
        template="account_verification",
        context={"user": user, "url": f"{settings.SITE_URL}{path}"},
        language=user.language,
    )


def send_password_reset_email(*, user: User) -> None:
    """The link to set a new password, in the user's language. The token is made here,
    when the e-mail is sent, so the link's lifetime counts from then."""
    send_templated_mail(
        to=user.email,
        template="password_reset",
        context={
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
        language=user.language or "pl",
    )


def send_existing_account_notice(*, user: User) -> None:
    """Someone registered with the user's address: say so, and where to reset the
    password (the registration page answered as for a new account)."""
    path = reverse("accounts:password_reset")
    send_templated_mail(
        to=user.email,
        template="existing_account_notice",
        context={"user": user, "url": f"{settings.SITE_URL}{path}"},
        language=user.language or "pl",
    )
