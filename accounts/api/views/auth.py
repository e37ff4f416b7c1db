"""Logging in: an e-mail address and a password exchanged for an API token."""

from __future__ import annotations

from typing import Any, cast

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import login_steps, permissions, selectors, services
from accounts.api.serializers import TokenObtainInputSerializer, TokenOutputSerializer
from accounts.models import ApiToken, User
from core.api import ScopedRateThrottle
from core.api_base import IDEMPOTENCY_KEY_PARAMETER, ActionApi, ApiSchema
from core.exceptions import InvalidInput, NotAllowed


class LoginLockedOut(Throttled):
    default_code = "login_locked_out"


class LoginSchema(ApiSchema):
    """A login has no signed-in user, and keys are kept per user: it honours no
    ``Idempotency-Key``, so its schema does not offer one."""

    def get_override_parameters(self) -> list[Any]:
        parameters = super().get_override_parameters()
        return [parameter for parameter in parameters if parameter is not IDEMPOTENCY_KEY_PARAMETER]


class TokenObtainApi(ActionApi[None]):
    # No session authentication here: a login must not need a CSRF token, and the
    # throttle below counts attempts per client address.
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"
    schema = LoginSchema()
    input_serializer_class = TokenObtainInputSerializer
    output_serializer_class = TokenOutputSerializer
    error_statuses = (400, 403, 429)

    def perform(self, obj: None, data: dict[str, Any]) -> ApiToken:
        # django-axes needs the request to count the failure. It is DRF's request, so the
        # lockout flag axes sets stays on it and AxesMiddleware, which looks at Django's
        # request, does not swap this JSON answer for the HTML lockout page.
        request = self.request
        user = authenticate(
            request=request, username=data["email"].strip().lower(), password=data["password"]
        )
        if user is None:
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                raise LoginLockedOut(wait=cool_off.total_seconds() if cool_off else None)
            raise InvalidInput(
                _(
                    "The e-mail address or the password is wrong. Check both and try again, "
                    "or reset your password."
                ),
                code="invalid_credentials",
            )
        user = cast(User, user)
        self.check_second_factor(user, data.get("otp") or "")
        # Lets axes clear the failures counted so far and Django record the last login.
        user_logged_in.send(sender=type(user), request=request, user=user)
        return services.api_token_create(user=user, label=str(_("API login")))

    def check_second_factor(self, user: User, code: str) -> None:
        """A user with two-factor login on sends a code in ``otp``; a wrong one counts as a
        failed login. A user whose role requires it and who has not set it up gets no token
        (``TWO_FACTOR_REQUIRED_ROLES``)."""
        request = self.request
        if not selectors.two_factor_enabled(user=user):
            if permissions.must_use_two_factor(user):
                raise NotAllowed(
                    _(
                        "Your role requires two-factor login. Set it up on your profile page "
                        "on the site, then log in here with a code."
                    ),
                    code="two_factor_setup_required",
                )
            return
        if not code.strip():
            raise InvalidInput(
                _(
                    "This account uses two-factor login. Send the current code of your "
                    "authenticator app, or a recovery code, in the field otp."
                ),
                code="otp_required",
                extra={"fields": {"otp": [_("This field is required.")]}},
            )
        if login_steps.is_locked_out(request, user):
            cool_off = get_cool_off(request)
            raise LoginLockedOut(wait=cool_off.total_seconds() if cool_off else None)
        check = services.two_factor_check(user=user, code=code)
        if check.accepted:
            return
        if login_steps.count_failure(request, user):
            cool_off = get_cool_off(request)
            raise LoginLockedOut(wait=cool_off.total_seconds() if cool_off else None)
        raise check.refusal()

    @extend_schema(
        tags=["auth"],
        summary="Log in: exchange an e-mail address and password for an API token",
        description=(
            "Makes a new API token (listed under /api/v1/me/tokens/, expiring after "
            "API_TOKEN_TTL_DAYS days) and returns its key, shown only this once. Send it as "
            "'Authorization: Token <token>'. Failed attempts are throttled per client "
            "address and locked out per e-mail address and client address.\n\n"
            "A user with two-factor login on also sends 'otp': the current code of their "
            "authenticator app or a recovery code. Without it the answer is 400 with code "
            "'otp_required'; a wrong code is 400 with code 'otp_invalid' and counts as a "
            "failed login (429 'login_locked_out' once the limit is reached); after several "
            "wrong codes in a row the device pauses for a while (429 'otp_throttled'). A user "
            "whose role requires two-factor login and who has not set it up gets 403 with "
            "code 'two_factor_setup_required'."
        ),
        auth=[],
    )
    def post(self, request: Request) -> Response:
        return self.act()
