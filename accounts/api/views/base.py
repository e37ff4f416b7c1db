"""What the accounts API views share."""

from __future__ import annotations

from typing import cast

from rest_framework.request import Request

from accounts.models import User


def signed_in(request: Request) -> User:
    """The request's user, as an account: only reached behind ``IsAuthenticated``."""
    return cast(User, request.user)
