from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest

from notifications import selectors


def unread(request: HttpRequest) -> dict[str, Callable[[], int] | int]:
    """``notifications_unread``: the signed-in user's unread count for the header, one
    indexed count, run only when a template shows it (a template calls the function)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    user_id = user.pk
    return {"notifications_unread": cache(lambda: selectors.unread_count(user_id=user_id))}
