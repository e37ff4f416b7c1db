"""The account e-mails that are not a state change: composed and sent by ``accounts.tasks``."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from core.mail import send_templated_mail


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
