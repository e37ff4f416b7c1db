import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import services
from accounts.api_tokens import key_hash
from accounts.models import ApiToken
from core.models import AuditEvent, IdempotencyRecord
from tests.conftest import PASSWORD
from tests.factories import UserFactory

TOKEN_URL = reverse("api-token-obtain")
ME_URL = reverse("api-me")
ME_TOKENS_URL = reverse("api-me-token-list")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_login_failures():
    """Failed logins (django-axes) and throttle counters (the cache) start empty."""
    axes_reset()
    yield
    axes_reset()


@pytest.fixture
def without_login_throttle(settings):
    """Lift the scoped throttle so a test sees django-axes alone."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "1000/minute",
        },
    }


@pytest.fixture
def without_axes_lockout(settings):
    """Lift the django-axes limit so a test sees the scoped throttle alone."""
    settings.AXES_FAILURE_LIMIT = 1000


def log_in(api_client, email, password):
    return api_client.post(TOKEN_URL, {"email": email, "password": password}, format="json")


def test_the_right_password_gives_a_token_that_authenticates_the_api(api_client, resident):
    response = log_in(api_client, "resident@example.org", PASSWORD)

    assert response.status_code == 200
    token = response.json()["token"]
    assert ApiToken.objects.get(user=resident).key_hash == key_hash(token)
    me = api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert me.json()["email"] == "resident@example.org"


def test_each_login_makes_a_new_token_and_the_earlier_one_keeps_working(api_client, resident):
    # Only a hash of a key is stored, so a login cannot hand out an earlier key again.
    first = log_in(api_client, "resident@example.org", PASSWORD).json()["token"]
    second = log_in(api_client, "resident@example.org", PASSWORD).json()["token"]

    assert first != second
    assert AuditEvent.objects.filter(verb="user.api_token_created").count() == 2
    assert api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Token {first}").status_code == 200
    assert api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Token {second}").status_code == 200


def test_the_e_mail_address_is_matched_whatever_its_case(api_client, resident):
    response = log_in(api_client, "  Resident@Example.ORG ", PASSWORD)

    assert response.status_code == 200


def test_a_wrong_password_is_refused_with_a_clear_message(api_client, resident):
    response = log_in(api_client, "resident@example.org", "wrong password")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_credentials"
    assert set(body) == {"message", "code", "extra"}
    assert not ApiToken.objects.exists()


def test_the_wrong_password_message_says_what_to_do_in_the_users_language(api_client, resident):
    api_client.cookies["django_language"] = "en"

    message = log_in(api_client, "resident@example.org", "wrong").json()["message"]

    assert message == (
        "The e-mail address or the password is wrong. Check both and try again, "
        "or reset your password."
    )


def test_an_unknown_e_mail_address_is_refused_like_a_wrong_password(api_client, resident):
    response = log_in(api_client, "nobody@example.org", PASSWORD)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


def test_an_inactive_account_cannot_log_in(api_client):
    UserFactory(email="gone@example.org", is_active=False)

    response = log_in(api_client, "gone@example.org", PASSWORD)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


def test_an_account_with_an_unverified_e_mail_address_can_log_in(api_client):
    UserFactory(email="new@example.org", email_verified_at=None)

    response = log_in(api_client, "new@example.org", PASSWORD)

    assert response.status_code == 200


def test_missing_fields_are_listed_under_extra_fields(api_client):
    response = api_client.post(TOKEN_URL, {}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["extra"]["fields"]) == {"email", "password"}


def test_the_login_throttle_refuses_even_the_right_password(
    api_client, resident, without_axes_lockout, settings
):
    limit = 5
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"] == f"{limit}/minute"
    for _attempt in range(limit):
        assert log_in(api_client, "resident@example.org", "wrong").status_code == 400

    response = log_in(api_client, "resident@example.org", PASSWORD)

    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "throttled"
    assert body["extra"]["wait"] > 0
    assert int(response["Retry-After"]) == body["extra"]["wait"]


def test_django_axes_locks_out_after_repeated_failures_even_with_the_right_password(
    api_client, resident, without_login_throttle, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(api_client, "resident@example.org", "wrong").status_code == 400
    # The failure that reaches the limit is already answered with the lockout.
    assert log_in(api_client, "resident@example.org", "wrong").status_code == 429

    response = log_in(api_client, "resident@example.org", PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "login_locked_out"
    assert body["extra"]["wait"] == settings.AXES_COOLOFF_TIME * 3600
    assert not ApiToken.objects.exists()


def test_the_lockout_is_per_e_mail_address(
    api_client, resident, ngo_member, without_login_throttle, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(api_client, "resident@example.org", "wrong")

    assert log_in(api_client, "ngo.member@example.org", PASSWORD).status_code == 200


def test_a_successful_login_clears_the_failures_counted_before(
    api_client, resident, without_login_throttle, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(api_client, "resident@example.org", "wrong")

    assert log_in(api_client, "resident@example.org", PASSWORD).status_code == 200

    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()
    assert log_in(api_client, "resident@example.org", "wrong").status_code == 400


def test_session_authentication_works_for_the_api(client, resident):
    client.force_login(resident)

    response = client.get(ME_URL)

    assert response.status_code == 200
    assert response.json()["email"] == "resident@example.org"


def test_an_anonymous_request_is_told_to_authenticate_with_401(api_client):
    response = api_client.get(ME_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_an_unknown_token_is_refused_with_401(api_client):
    response = api_client.get(ME_URL, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_revoking_the_token_of_the_request_stops_it_working(api_client, resident):
    token = log_in(api_client, "resident@example.org", PASSWORD).json()["token"]
    pk = ApiToken.objects.get(user=resident).pk

    revoked = api_client.delete(
        reverse("api-me-token-detail", args=[pk]), HTTP_AUTHORIZATION=f"Token {token}"
    )

    assert revoked.status_code == 204
    assert ApiToken.objects.get(pk=pk).revoked_at is not None
    assert api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    assert AuditEvent.objects.filter(verb="user.api_token_revoked").count() == 1


def test_a_session_write_without_a_csrf_token_is_refused(resident):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(resident)

    response = client.patch(ME_URL, {"full_name": "Ktoś Inny"}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
    resident.refresh_from_db()
    assert resident.full_name == "Ewa Mieszkanka"


def test_a_token_write_needs_no_csrf_token(api_client, resident):
    token = log_in(api_client, "resident@example.org", PASSWORD).json()["token"]
    client = APIClient(enforce_csrf_checks=True)

    response = client.patch(
        ME_URL, {"full_name": "Ewa Nowak"}, format="json", HTTP_AUTHORIZATION=f"Token {token}"
    )

    assert response.status_code == 200


def test_a_token_authenticates_its_user_in_one_query(
    api_client, resident, django_assert_max_num_queries
):
    token = services.api_token_create(user=resident)
    from accounts.authentication import ApiTokenAuthentication

    ApiTokenAuthentication().authenticate_credentials(token.key)  # records its first use
    with django_assert_max_num_queries(1):
        user, auth = ApiTokenAuthentication().authenticate_credentials(token.key)

    assert user == resident
    assert user.full_name == resident.full_name
    assert auth.pk == token.pk
    assert auth.user is user


def test_the_token_of_an_inactive_user_is_refused_with_a_reason(api_client, resident):
    token = services.api_token_create(user=resident)
    resident.is_active = False
    resident.save()

    response = api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response.json()["message"] == "Użytkownik nieaktywny lub usunięty."


def test_an_unknown_token_says_so_in_polish(api_client):
    response = api_client.get(ME_URL, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.json()["message"] == "Niepoprawny token."


def test_making_a_token_stores_no_answer_under_an_idempotency_key(api_as, resident):
    # The stored answer would keep the key, which must exist only as a hash.
    client = api_as(resident)

    first = client.post(ME_TOKENS_URL, HTTP_IDEMPOTENCY_KEY="new-1")

    assert first.status_code == 201
    assert not IdempotencyRecord.objects.exists()
    assert ApiToken.objects.get(user=resident).key_hash == key_hash(first.json()["token"])


def test_a_login_honours_no_idempotency_key_as_it_has_no_signed_in_user(api_client, resident):
    payload = {"email": "resident@example.org", "password": PASSWORD}

    first = api_client.post(TOKEN_URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="in-1")
    again = api_client.post(TOKEN_URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="in-1")

    assert first.status_code == again.status_code == 200
    assert "Idempotent-Replayed" not in again
    assert not IdempotencyRecord.objects.exists()
