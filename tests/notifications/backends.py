"""Mail backends for the tests: one that counts the connections opened, one whose server
answers with errors chosen by the test."""

from __future__ import annotations

import smtplib
from typing import Any, ClassVar

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class CountingBackend(LocmemBackend):
    opened: ClassVar[int] = 0
    closed: ClassVar[int] = 0

    def open(self) -> bool:
        type(self).opened += 1
        return True

    def close(self) -> None:
        type(self).closed += 1


class RefusingBackend(LocmemBackend):
    """Answers each recipient in ``answers`` with its SMTP error; sends the others."""

    answers: ClassVar[dict[str, BaseException]] = {}
    down: ClassVar[bool] = False

    def open(self) -> bool:
        if type(self).down:
            raise ConnectionRefusedError(111, "Connection refused")
        return True

    def send_messages(self, messages: Any) -> int:
        for message in messages:
            error = type(self).answers.get(message.to[0])
            if error is not None:
                raise error
        return super().send_messages(messages)


def temporary(address: str) -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({address: (450, b"4.2.1 Mailbox busy, try later")})


def permanent(address: str) -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 No such user")})
