"""The login's second step: what the password step leaves in the session, and how a wrong
code counts towards the lockout of django-axes.

After the right password, a user with two-factor login on is not logged in: the session
holds only who passed the password and when (``start``), which nothing but the code page
reads. The code page logs them in (``django.contrib.auth.login``, then
``django_otp.login``, so the session is verified) or counts the failure as a failed login:
wrong passwords and wrong codes share one count per e-mail address and client address,
and after ``AXES_FAILURE_LIMIT`` of them the login is locked for ``AXES_COOLOFF_TIME``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import user_login_failed

from accounts.models import User

PENDING_SESSION_KEY = "accounts_two_factor_pending"


@dataclass(frozen=True)
class PendingLogin:
    user: User
    backend: str
    next_url: str


def start(request: Any, *, user: User, backend: str, next_url: str) -> None:
    """Remember that ``user`` passed the password step; they are not logged in. The
    session gets a new key, so a session planted before the login cannot type the codes."""
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "since": int(time.time()),
    }


def pending(request: Any) -> PendingLogin | None:
    """Who passed the password step in this session, unless it was too long ago."""
    data = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(data, dict):
        return None
    if int(time.time()) - int(data.get("since", 0)) > settings.TWO_FACTOR_LOGIN_TIMEOUT:
        forget(request)
        return None
    user = User.objects.filter(pk=int(data.get("user") or 0), is_active=True).first()
    if user is None:
        forget(request)
        return None
    return PendingLogin(user=user, backend=str(data["backend"]), next_url=str(data["next"]))


def forget(request: Any) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)


def _credentials(user: User) -> dict[str, str]:
    # The lockout counts per e-mail address (the login form's and the API's "username").
    return {settings.AXES_USERNAME_FORM_FIELD: user.email}


def is_locked_out(request: Any, user: User) -> bool:
    return AxesProxyHandler.is_locked(request, _credentials(user))


def count_failure(request: Any, user: User) -> bool:
    """Count a wrong code as a failed login (django-axes); True when it locked the login
    out. ``request`` is the one axes marks (DRF's request in the API)."""
    user_login_failed.send(sender=User, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))
