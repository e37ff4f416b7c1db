"""What the account and organisation pages share."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest

from accounts.models import User


class SignedInMixin(LoginRequiredMixin):
    """Login required; past it, ``self.user`` is the signed-in user."""

    request: HttpRequest

    @property
    def user(self) -> User:
        user = self.request.user
        assert isinstance(user, User), "LoginRequiredMixin lets only users in"
        return user
