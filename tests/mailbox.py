"""Reading what the notifications sent, in tests: the mails in ``django.core.mail.outbox``.

A test runs inside one transaction, so nothing commits and the sending task, queued on
commit, would never run. ``deliver()`` runs the on-commit callbacks registered so far, as
a commit would (each once; those of a rolled-back savepoint are gone already), and every
reader here calls it first: a test says what happened, then reads the mailbox.
"""

from __future__ import annotations

from typing import Any, cast

from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import connection


def _done() -> None:
    """Stands in for a callback already run."""


def deliver() -> None:
    """Run the on-commit callbacks not run yet, and those they register in turn."""
    pending: list[Any] = cast(Any, connection).run_on_commit
    ran = True
    while ran:
        ran = False
        for index, (savepoints, callback, robust) in enumerate(list(pending)):
            if callback is _done:
                continue
            pending[index] = (savepoints, _done, robust)
            callback()
            ran = True


def clear() -> None:
    """Forget the mails sent so far (after sending what was pending)."""
    deliver()
    mail.outbox.clear()


def sent(subject_part: str = "") -> list[EmailMessage]:
    """The mails sent so far whose subject holds ``subject_part``."""
    deliver()
    return [message for message in mail.outbox if subject_part in message.subject]


def addressees(subject_part: str = "") -> set[str]:
    """Who received a mail whose subject holds ``subject_part``."""
    return {address for message in sent(subject_part) for address in message.to}


def one_to(address: str, subject_part: str = "") -> EmailMessage:
    """The one mail to ``address`` whose subject holds ``subject_part``."""
    [message] = [message for message in sent(subject_part) if address in message.to]
    return message


def html_of(message: EmailMessage) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    [(html, _type)] = message.alternatives
    return str(html)
