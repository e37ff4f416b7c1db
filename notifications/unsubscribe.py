"""One-click unsubscribe for users: a signed token naming the user and the category.

The token needs no login and never expires (a mail read months later still works); it
cannot be forged or altered without ``SECRET_KEY``."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "notifications.unsubscribe"
# The digest's link: every category the user gets by digest turns to inbox only.
EVERY_DIGEST = "digest"


def make_token(*, user_id: int, category: str) -> str:
    # Without a timestamp: the same user and category always give the same link.
    return signing.Signer(salt=SALT).sign_object([user_id, category])


def read_token(token: str) -> tuple[int, str] | None:
    try:
        user_id, category = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(category, str):
        return None
    return user_id, category


def url_for(*, user_id: int, category: str) -> str:
    token = make_token(user_id=user_id, category=category)
    path = reverse("notifications:unsubscribe", args=[token])
    return f"{settings.SITE_URL}{path}"
