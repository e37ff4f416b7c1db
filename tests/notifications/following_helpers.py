"""What the following tests share: subscribing and reading the links from the mails."""

from __future__ import annotations

import re

from django.core import mail

from notifications import follow_services
from notifications.follow_models import Subscription

LINK = re.compile(r"https?://\S+/subscribe/(confirm|unsubscribe)/([^/\s]+)/")


def links_in(message, kind: str) -> list[str]:
    """The tokens of the ``kind`` links ("confirm", "unsubscribe") in a mail's text."""
    return [token for found, token in LINK.findall(message.body) if found == kind]


def mails_to(email: str) -> list:
    return [message for message in mail.outbox if email in message.to]


def request(email: str, *, topics=(), departments=(), client="203.0.113.5", language="pl"):
    follow_services.subscription_request(
        email=email,
        topic_ids=list(topics),
        department_ids=list(departments),
        language=language,
        client=client,
    )


def subscribe(django_capture_on_commit_callbacks, email: str, **filters) -> Subscription:
    """A confirmed subscription, made as a person would: asked for, confirmed by the link."""
    with django_capture_on_commit_callbacks(execute=True):
        request(email, **filters)
    (token,) = links_in(mails_to(email)[-1], "confirm")
    return follow_services.subscription_confirm(token=token)
