"""The signed links of a subscription: confirming it (expires) and ending it (does not).

Both carry the subscription's id and its secret ``key``, signed with ``SECRET_KEY`` under
their own salt, so neither can be made from the other, changed, or guessed. The
confirmation link expires after ``SUBSCRIPTION_CONFIRM_TIMEOUT``; the unsubscribe link in
every mail keeps working as long as the subscription exists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "notifications.subscription.confirm"
UNSUBSCRIBE_SALT = "notifications.subscription.unsubscribe"


def _make(salt: str, pk: int, key: str) -> str:
    return signing.dumps([pk, key], salt=salt)


def _read(salt: str, token: str, max_age: timedelta | None) -> tuple[int, str] | None:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # tampered, or expired (SignatureExpired is a subclass)
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]


def confirm_token(pk: int, key: str) -> str:
    return _make(CONFIRM_SALT, pk, key)


def read_confirm_token(token: str) -> tuple[int, str] | None:
    """The (id, key) the link names, or None when it was changed or has expired."""
    return _read(CONFIRM_SALT, token, settings.SUBSCRIPTION_CONFIRM_TIMEOUT)


def unsubscribe_token(pk: int, key: str) -> str:
    return _make(UNSUBSCRIBE_SALT, pk, key)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    return _read(UNSUBSCRIBE_SALT, token, None)


def confirm_url(pk: int, key: str) -> str:
    path = reverse("following:subscription_confirm", args=[confirm_token(pk, key)])
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(pk: int, key: str) -> str:
    """The absolute one-click address (RFC 8058) that ends the subscription."""
    path = reverse("following:unsubscribe", args=[unsubscribe_token(pk, key)])
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url_maker() -> Callable[[int, str], str]:
    """``unsubscribe_url`` for many subscriptions: the address is reversed once (a
    reverse costs more than signing), and each token put in its place. A token's
    characters (URL-safe base64 and ``:``) are never quoted, so the result is the same."""
    placeholder = "TOKEN"
    address = f"{settings.SITE_URL}{reverse('following:unsubscribe', args=[placeholder])}"
    head_text, tail = address.rsplit(placeholder, 1)

    def make(pk: int, key: str) -> str:
        return f"{head_text}{unsubscribe_token(pk, key)}{tail}"

    return make
