from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import router
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token
from rest_framework.request import Request

from core import rows


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication that also applies the user's preferred language, unless
    the client chose one with the language cookie (the middleware ran before DRF knew who
    the client was)."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        """DRF's lookup (the token's user, who must be active) in one statement written as
        SQL: it runs on every API request, and the ORM's compilation of the join cost
        more than the query. The token's other columns are deferred."""
        user_model = get_user_model()
        using = router.db_for_read(Token)
        users = rows.fetch(
            user_model,
            # Names quoted from the models; every value is a parameter.
            f"SELECT {rows.columns(user_model, 'u', using=using)} "  # noqa: S608
            f"FROM {rows.table(user_model, using=using)} u "
            f"JOIN {rows.table(Token, using=using)} t "
            f"ON t.{rows.quote(using, 'user_id')} = u.{rows.quote(using, 'id')} "
            f"WHERE t.{rows.quote(using, 'key')} = %s",
            [key],
            using=using,
        )
        if not users:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, _extra = users[0]
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token.from_db(user._state.db, ["key", "user_id"], [key, user.pk])
        Token.user.field.set_cached_value(token, user)
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
