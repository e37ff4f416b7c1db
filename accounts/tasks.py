"""Account e-mails, sent by a worker after the request's transaction commits, never inside
the request: a mail server that is down delays the e-mail (retried with backoff), not the
answer to the person registering."""

from __future__ import annotations

from smtplib import SMTPException

from accounts import emails
from accounts.models import User
from core.tasks import task

# A refused connection or a timeout is an OSError; what the server answers, SMTPException.
MAIL_ERRORS = (SMTPException, OSError)


@task(name="accounts.send_verification_email", retry_for=MAIL_ERRORS, once=True)
def send_verification_email(user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email_verified:
        return
    emails.send_verification_email(user=user)


@task(name="accounts.send_password_reset_email", retry_for=MAIL_ERRORS, once=True)
def send_password_reset_email(user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    emails.send_password_reset_email(user=user)


@task(name="accounts.send_existing_account_notice", retry_for=MAIL_ERRORS, once=True)
def send_existing_account_notice(user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    emails.send_existing_account_notice(user=user)
