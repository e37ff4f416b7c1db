"""Start-up checks of the accounts settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from accounts import two_factor


@register()
def two_factor_roles_are_known(app_configs: Any, **kwargs: Any) -> list[Error]:
    """A misspelt role in ``TWO_FACTOR_REQUIRED_ROLES`` would silently enforce nothing."""
    known = two_factor.role_names()
    return [
        Error(
            f"TWO_FACTOR_REQUIRED_ROLES names an unknown role {role!r}.",
            hint=f"Use some of: {', '.join(sorted(known))}.",
            id="accounts.E001",
        )
        for role in settings.TWO_FACTOR_REQUIRED_ROLES
        if role not in known
    ]
