"""Two-factor login in the pages: setting it up on the profile, the code step of the login,
lockout after wrong codes, enforcement by role, and the administration site."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.exceptions import WrongCode
from core.models import AuditEvent
from tests import factories
from tests.accounts.pages.helpers import polish
from tests.accounts.two_factor import STEP, code_for, turn_on
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGIN_CODE = reverse("accounts:login_code")
TWO_FACTOR = reverse("accounts:two_factor")
SETUP = reverse("accounts:two_factor_setup")
PROFILE = reverse("accounts:profile")


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def password_step(client, user):
    return client.post(LOGIN, {"username": user.email, "password": PASSWORD, "next": "/acts/"})


# --- Setting it up ------------------------------------------------------------------------


def test_the_setup_page_shows_a_qr_code_and_the_key_and_a_code_from_it_turns_it_on(
    client_as, clock, official
):
    client = client_as(official)
    assert polish(_("Set up two-factor login")) in client.get(PROFILE).text

    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "qrline" in page.text
    secret = page.context["secret"]
    key = client.session["accounts_two_factor_setup_key"]
    assert secret.replace(" ", "") == two_factor.totp_key_base32(key).replace(" ", "")
    # The same key until confirmed: reloading the page does not change it.
    assert client.get(SETUP).context["secret"] == secret

    response = client.post(SETUP, {"code": code_for(key)})

    assert response.status_code == 200
    codes = response.context["recovery_codes"]
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    for code in codes:
        assert code in response.text
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert TOTPDevice.objects.get(user=official, confirmed=True).key == key
    # This session proved the factor and stays logged in, verified.
    assert client.session[DEVICE_ID_SESSION_KEY]
    assert "accounts_two_factor_setup_key" not in client.session
    # The codes are not shown again.
    status = client.get(TWO_FACTOR)
    assert not any(code in status.text for code in codes)
    assert status.context["recovery_codes_left"] == two_factor.RECOVERY_CODE_COUNT
    # The setup page now sends to the status page.
    assert client.get(SETUP).url == TWO_FACTOR


def test_a_wrong_setup_code_is_shown_at_its_field(client_as, clock, official):
    client = client_as(official)
    client.get(SETUP)
    key = client.session["accounts_two_factor_setup_key"]
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"code": wrong})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert 'aria-invalid="true"' in response.text
    assert not TOTPDevice.objects.exists()


def test_new_recovery_codes_and_turning_it_off_from_the_page(client_as, clock, official):
    enabled = turn_on(official)
    client = client_as(official)
    clock.shift(STEP * 3)

    response = client.post(
        reverse("accounts:recovery_codes_regenerate"), {"code": code_for(enabled.device.key)}
    )
    assert response.status_code == 200
    new_codes = response.context["recovery_codes"]
    assert set(new_codes).isdisjoint(enabled.recovery_codes)

    clock.shift(STEP * 3)
    wrong = client.post(reverse("accounts:two_factor_disable"), {"code": "000000"}, follow=True)
    assert polish(WrongCode.default_message) in wrong.text
    assert TOTPDevice.objects.filter(user=official).exists()

    clock.shift(STEP * 3)
    client.post(reverse("accounts:two_factor_disable"), {"code": new_codes[0]})
    assert not TOTPDevice.objects.filter(user=official).exists()


def test_an_ngo_member_may_opt_in_too(client_as, clock, ngo_member):
    client = client_as(ngo_member)
    client.get(SETUP)
    key = client.session["accounts_two_factor_setup_key"]
    assert client.post(SETUP, {"code": code_for(key)}).status_code == 200
    assert TOTPDevice.objects.filter(user=ngo_member, confirmed=True).exists()


def test_the_two_factor_pages_need_a_login(client):
    for url in (TWO_FACTOR, SETUP):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


# --- Logging in ---------------------------------------------------------------------------


def test_without_two_factor_the_password_logs_in_at_once(client, official):
    response = password_step(client, official)
    assert response.url == "/acts/"
    assert logged_in_user_id(client) == str(official.pk)


def test_the_password_alone_does_not_log_in_a_user_with_two_factor(client, clock, official):
    enabled = turn_on(official)
    clock.shift(STEP * 3)
    client.get(LOGIN)
    client.session.save()
    planted = client.session.session_key

    response = password_step(client, official)

    assert response.url == LOGIN_CODE
    assert client.session.session_key != planted
    assert logged_in_user_id(client) is None
    # Nothing else is open to the half-logged-in session.
    assert client.get(PROFILE).url.startswith(LOGIN)
    assert client.get("/api/v1/me/").status_code in {401, 403}
    page = client.get(LOGIN_CODE)
    assert page.status_code == 200

    response = client.post(LOGIN_CODE, {"code": code_for(enabled.device.key)})

    assert response.url == "/acts/"
    assert logged_in_user_id(client) == str(official.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == enabled.device.persistent_id
    assert client.get(PROFILE).status_code == 200


def test_a_recovery_code_logs_in_once(client, clock, official):
    enabled = turn_on(official)
    code = enabled.recovery_codes[0]

    password_step(client, official)
    assert client.post(LOGIN_CODE, {"code": code}).url == "/acts/"
    assert AuditEvent.objects.filter(verb="user.recovery_code_used").count() == 1
    client.post(reverse("accounts:logout"))

    clock.shift(STEP * 3)
    password_step(client, official)
    response = client.post(LOGIN_CODE, {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [str(WrongCode.default_message)]
    assert logged_in_user_id(client) is None


def test_a_wrong_code_is_refused_and_recorded(client, clock, official):
    turn_on(official)
    clock.shift(STEP * 3)
    password_step(client, official)

    response = client.post(LOGIN_CODE, {"code": "000000"})

    assert response.status_code == 200
    assert polish(WrongCode.default_message) in response.text
    assert logged_in_user_id(client) is None
    assert AuditEvent.objects.filter(verb="user.two_factor_code_failed").count() == 1


def test_wrong_codes_lock_the_login_like_wrong_passwords(client, clock, official):
    enabled = turn_on(official)
    clock.shift(STEP * 3)
    password_step(client, official)

    statuses = []
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        clock.shift(STEP + 1)  # past each device pause: the lockout is what stops them
        statuses.append(client.post(LOGIN_CODE, {"code": "000000"}).status_code)

    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    clock.shift(STEP * 3)
    # Locked: neither the right code nor the right password gets in now.
    assert client.post(LOGIN_CODE, {"code": code_for(enabled.device.key)}).url == LOGIN
    assert password_step(client, official).status_code == 429
    assert logged_in_user_id(client) is None


def test_the_code_step_expires(client, clock, official):
    enabled = turn_on(official)
    clock.shift(STEP * 3)
    password_step(client, official)
    clock.shift(settings.TWO_FACTOR_LOGIN_TIMEOUT + 1)

    response = client.post(LOGIN_CODE, {"code": code_for(enabled.device.key)})

    assert response.url == LOGIN
    assert logged_in_user_id(client) is None


def test_the_code_page_without_the_password_step_sends_to_the_login(client):
    assert client.get(LOGIN_CODE).url == LOGIN


# --- Enforcement ----------------------------------------------------------------------------


ALL_ROLES = ["administrator", "official", "council_officer"]


def test_when_enforced_an_official_without_a_device_can_open_only_the_setup(
    client, clock, settings, official
):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES

    response = password_step(client, official)
    assert logged_in_user_id(client) == str(official.pk)
    # Sent to the setup from wherever they go.
    assert client.get(response.url).url == SETUP
    for path in (PROFILE, "/", reverse("consultations:list"), reverse("accounts:api_token_create")):
        assert client.get(path).url == SETUP, path
    api = client.get("/api/v1/me/")
    assert api.status_code == 403
    assert api.json()["code"] == "two_factor_setup_required"
    # What stays open: the setup, the status page, logging out, the health check.
    assert client.get(SETUP).status_code == 200
    assert client.get(TWO_FACTOR).status_code == 200
    assert client.get(reverse("health")).status_code in {200, 503}

    key = client.session["accounts_two_factor_setup_key"]
    client.post(SETUP, {"code": code_for(key)})

    assert client.get(PROFILE).status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_when_enforced_an_ngo_member_is_not_sent_to_the_setup(client, settings, ngo_member):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES
    password_step(client, ngo_member)
    assert client.get(PROFILE).status_code == 200


def test_when_enforced_a_council_chair_is_sent_to_the_setup(client_as, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES
    chair = factories.UserFactory(email="chair@example.org")
    factories.TermMemberFactory(user=chair, office="chair")
    assert client_as(chair).get(PROFILE).url == SETUP


def test_when_not_enforced_nobody_is_sent_to_the_setup(client_as, administrator):
    assert client_as(administrator).get(PROFILE).status_code == 200


def test_when_enforced_a_session_from_before_the_device_must_log_in_again(
    client_as, clock, settings, official
):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES
    client = client_as(official)  # a session without the second factor
    turn_on(official)

    response = client.get(PROFILE)

    assert response.url.startswith(LOGIN)
    assert logged_in_user_id(client) is None


# --- The administration site --------------------------------------------------------------


def test_the_admin_login_page_sends_to_the_site_login(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert "next=/admin/" in response.url


def test_an_administrator_with_a_device_enters_the_admin_only_after_the_code(
    client, clock, administrator
):
    enabled = turn_on(administrator)
    stale = factories_client_logged_in(administrator)
    # A session that did not pass the second factor is logged out at the admin's door.
    response = stale.get(reverse("admin:index"))
    assert response.status_code == 302
    assert stale.get(reverse("admin:login")).url.startswith(LOGIN)
    assert stale.session.get("_auth_user_id") is None

    clock.shift(STEP * 3)
    password_step(client, administrator)
    client.post(LOGIN_CODE, {"code": code_for(enabled.device.key)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_administrator_without_a_device_enters_the_admin_as_before(client_as, administrator):
    assert client_as(administrator).get(reverse("admin:index")).status_code == 200


def test_a_logged_in_non_administrator_is_refused_by_the_admin(client_as, resident):
    client = client_as(resident)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def factories_client_logged_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_codes_typed_are_not_kept_in_the_failed_attempts(client, clock, official):
    from axes.models import AccessAttempt

    turn_on(official)
    clock.shift(STEP * 3)
    password_step(client, official)
    client.post(LOGIN_CODE, {"code": "314159"})
    attempt = AccessAttempt.objects.get(username=official.email)
    assert "314159" not in attempt.post_data
    assert re.search(r"code=\*+", attempt.post_data)
