"""Logging in through the API with two-factor login: the code in ``otp``, its errors, and
no token for a role that must set it up first."""

from __future__ import annotations

import pytest
import time_machine
from axes.utils import reset as axes_reset
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts import api_tokens
from accounts.models import ApiToken
from core.models import AuditEvent
from tests.accounts.two_factor import STEP, code_for, turn_on
from tests.conftest import PASSWORD

TOKEN_URL = reverse("api-token-obtain")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_login_failures(settings):
    axes_reset()
    # The scoped login throttle (per client address) is not what these tests look at.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "1000/minute",
        },
    }
    yield
    axes_reset()


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def log_in(api_client, user, **extra):
    body = {"email": user.email, "password": PASSWORD, **extra}
    return api_client.post(TOKEN_URL, body, format="json")


def test_without_the_code_the_answer_asks_for_it_and_gives_no_token(api_client, clock, official):
    turn_on(official)

    response = log_in(api_client, official)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "otp_required"
    assert set(body["extra"]["fields"]) == {"otp"}
    assert not ApiToken.objects.filter(user=official).exists()


def test_the_current_code_gives_the_token(api_client, clock, official):
    enabled = turn_on(official)
    clock.shift(STEP * 3)

    response = log_in(api_client, official, otp=code_for(enabled.device.key))

    assert response.status_code == 200
    key = response.json()["token"]
    assert ApiToken.objects.get(user=official).key_hash == api_tokens.key_hash(key)


def test_a_recovery_code_gives_the_token_once(api_client, clock, official):
    enabled = turn_on(official)
    code = enabled.recovery_codes[0]

    assert log_in(api_client, official, otp=code).status_code == 200
    clock.shift(STEP * 3)
    response = log_in(api_client, official, otp=code)
    assert response.status_code == 400
    assert response.json()["code"] == "otp_invalid"


def test_a_wrong_code_is_refused_recorded_and_counted_until_the_lockout(
    api_client, clock, official
):
    enabled = turn_on(official)

    answers = []
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        clock.shift(STEP + 1)
        response = log_in(api_client, official, otp="000000")
        answers.append((response.status_code, response.json()["code"]))

    assert answers == [(400, "otp_invalid")] * (settings.AXES_FAILURE_LIMIT - 1) + [
        (429, "login_locked_out")
    ]
    assert (
        AuditEvent.objects.filter(verb="user.two_factor_code_failed").count()
        == settings.AXES_FAILURE_LIMIT
    )
    clock.shift(STEP * 3)
    locked = log_in(api_client, official, otp=code_for(enabled.device.key))
    assert locked.status_code == 429
    assert not ApiToken.objects.filter(user=official).exists()


def test_codes_in_quick_succession_are_paused_by_the_device(api_client, clock, official):
    turn_on(official)
    clock.shift(STEP * 3)
    assert log_in(api_client, official, otp="000000").status_code == 400

    response = log_in(api_client, official, otp="111111")

    assert response.status_code == 429
    assert response.json()["code"] == "otp_throttled"


def test_a_user_without_two_factor_logs_in_with_the_password_alone(api_client, resident):
    response = log_in(api_client, resident)
    assert response.status_code == 200


def test_a_role_that_must_set_it_up_gets_no_token_until_it_has(
    api_client, clock, settings, official, ngo_member
):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["administrator", "official", "council_officer"]

    refused = log_in(api_client, official)
    assert refused.status_code == 403
    assert refused.json()["code"] == "two_factor_setup_required"
    assert not ApiToken.objects.filter(user=official).exists()
    # An NGO member is not required to.
    assert log_in(api_client, ngo_member).status_code == 200

    enabled = turn_on(official)
    clock.shift(STEP * 3)
    assert log_in(api_client, official, otp=code_for(enabled.device.key)).status_code == 200


def test_the_schema_documents_the_otp_field_and_the_errors():
    from tests.openapi import public_schema

    schema = public_schema()
    operation = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert {"400", "403", "429"} <= set(operation["responses"])
    assert "otp_required" in operation["description"]
    request_schema = schema["components"]["schemas"]["TokenObtainInputRequest"]
    assert "otp" in request_schema["properties"]
    assert "otp" not in request_schema.get("required", [])
