"""The API's token authentication: ``Authorization: Token <key>`` with a key of an
``ApiToken`` that is neither revoked nor expired."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import router
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts.api_tokens import key_hash
from accounts.models import ApiToken, User
from core import rows

# How stale ``last_used_at`` may be before a request writes it again: one UPDATE a minute
# per token at most, so a busy client does not write on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenRevoked(exceptions.AuthenticationFailed):
    default_detail = _("This token has been revoked. Create a new one on your profile.")
    default_code = "token_revoked"


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = _("This token has expired. Create a new one on your profile.")
    default_code = "token_expired"


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication over ``ApiToken``, which also applies the user's
    preferred language, unless the client chose one with the language cookie (the
    middleware ran before DRF knew who the client was)."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        """The token and its user (who must be active) in one statement written as SQL:
        it runs on every API request, and the ORM's compilation of the join cost more than
        the query. ``last_used_at`` is written at most once a minute (a second statement)."""
        using = router.db_for_read(ApiToken)
        found = rows.fetch_pairs(
            User,
            ApiToken,
            # Names quoted from the models; every value is a parameter.
            f"SELECT {rows.columns(User, 'u', using=using)}, "  # noqa: S608
            f"{rows.columns(ApiToken, 't', using=using)} "
            f"FROM {rows.table(User, using=using)} u "
            f"JOIN {rows.table(ApiToken, using=using)} t "
            f"ON t.{rows.quote(using, 'user_id')} = u.{rows.quote(using, 'id')} "
            f"WHERE t.{rows.quote(using, 'key_hash')} = %s",
            [key_hash(key)],
            using=using,
        )
        if not found:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, token = found[0]
        ApiToken.user.field.set_cached_value(token, user)
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        now = timezone.now()
        if token.revoked_at is not None:
            raise TokenRevoked()
        if token.expires_at <= now:
            raise TokenExpired()
        if token.last_used_at is None or token.last_used_at <= now - LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is None or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return result
        language = getattr(result[0], "language", None)
        if language in {code for code, _name in settings.LANGUAGES}:
            translation.activate(language)
            request._request.LANGUAGE_CODE = language
        return result
