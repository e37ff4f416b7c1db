"""API tokens: stored as hashes, expiring, several per user, listed and revoked one by one
(profile and API), all revoked by a new password; DRF's tokens moved over."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import re

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import services
from accounts.authentication import ApiTokenAuthentication
from accounts.models import ApiToken
from tests.accounts.pages.helpers import polish
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ME = reverse("api-me")
TOKENS = reverse("api-me-token-list")
REVOKED_NOTE = gettext_lazy(
    "Your API tokens have been revoked: programs using them must be given a new token, "
    "which you can create on your account page."
)


def auth(token) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


# --- Authentication ---------------------------------------------------------------------


def test_an_expired_token_is_refused_with_401_json_saying_so(api_client, resident, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    token = services.api_token_create(user=resident)

    with time_machine.travel(timezone.now() + dt.timedelta(days=30, seconds=1)):
        response = api_client.get(ME, **auth(token))

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "token_expired"
    assert body["message"] == polish(
        gettext_lazy("This token has expired. Create a new one on your profile.")
    )


def test_a_token_works_until_it_expires(api_client, resident, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    token = services.api_token_create(user=resident)

    with time_machine.travel(timezone.now() + dt.timedelta(days=29, hours=23)):
        assert api_client.get(ME, **auth(token)).status_code == 200


def test_a_revoked_token_is_refused_with_401(api_client, resident):
    token = services.api_token_create(user=resident)
    services.api_token_revoke(token=token, actor=resident)

    response = api_client.get(ME, **auth(token))

    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"


def test_last_use_is_recorded_at_most_once_a_minute(api_client, resident):
    token = services.api_token_create(user=resident)
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        api_client.get(ME, **auth(token))
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        api_client.get(ME, **auth(token))
    token.refresh_from_db()
    assert token.last_used_at == start

    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        api_client.get(ME, **auth(token))
    token.refresh_from_db()
    assert token.last_used_at == start + dt.timedelta(seconds=61)


def test_the_token_and_its_user_are_one_query_and_a_fresh_last_use_writes_nothing(
    resident, django_assert_num_queries
):
    token = services.api_token_create(user=resident)
    ApiTokenAuthentication().authenticate_credentials(token.key)  # its first use, written

    with django_assert_num_queries(1):  # the token joined to its user
        user, found = ApiTokenAuthentication().authenticate_credentials(token.key)

    assert user == resident
    assert found.pk == token.pk
    assert found.expires_at == token.expires_at


def test_the_key_is_not_stored(resident):
    token = services.api_token_create(user=resident)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = cursor.fetchall()

    assert token.key not in repr(stored)


# --- The API ----------------------------------------------------------------------------


def test_the_api_makes_lists_and_revokes_tokens_one_by_one(api_client, resident, settings):
    settings.API_TOKEN_TTL_DAYS = 7
    first = services.api_token_create(user=resident, label="first")

    created = api_client.post(TOKENS, {"label": "nightly export"}, format="json", **auth(first))

    assert created.status_code == 201
    body = created.json()
    assert set(body) == {
        "id",
        "label",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "token",
    }
    assert body["label"] == "nightly export"
    assert body["prefix"] == body["token"][:8]
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert expires - dt.datetime.fromisoformat(body["created_at"]) == dt.timedelta(days=7)
    second = body["token"]

    listed = api_client.get(TOKENS, **auth(first))
    assert listed.status_code == 200
    assert [row["label"] for row in listed.json()] == ["nightly export", "first"]
    assert all("token" not in row for row in listed.json())

    revoked = api_client.delete(reverse("api-me-token-detail", args=[first.pk]), **auth(first))
    assert revoked.status_code == 204
    assert api_client.get(ME, **auth(first)).status_code == 401
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Token {second}").status_code == 200


def test_the_token_list_is_two_queries_however_many_tokens(
    api_as, resident, django_assert_num_queries
):
    client = api_as(resident)
    services.api_token_create(user=resident)
    with django_assert_num_queries(1):  # the tokens (the user is forced, no session)
        assert len(client.get(TOKENS).json()) == 1

    for _number in range(10):
        services.api_token_create(user=resident)
    with django_assert_num_queries(1):
        assert len(client.get(TOKENS).json()) == 11


def test_another_users_token_is_not_found_and_stays(api_as, resident, ngo_member):
    token = services.api_token_create(user=ngo_member)

    response = api_as(resident).delete(reverse("api-me-token-detail", args=[token.pk]))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_list_needs_a_signed_in_user(api_client):
    assert api_client.get(TOKENS).status_code == 401
    assert api_client.post(TOKENS, {}, format="json").status_code == 401


def test_the_login_answer_says_when_the_token_expires(api_client, resident):
    response = api_client.post(
        reverse("api-token-obtain"),
        {"email": resident.email, "password": PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    token = ApiToken.objects.get(user=resident)
    assert dt.datetime.fromisoformat(response.json()["expires_at"]) == token.expires_at


# --- A new password revokes them -----------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0).removeprefix(settings.SITE_URL)


def test_a_password_reset_revokes_every_token_and_says_so(
    client, api_client, resident, django_capture_on_commit_callbacks
):
    tokens = [services.api_token_create(user=resident) for _number in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": resident.email})
    form = client.get(_reset_link(mail.outbox[0]), follow=True)
    new_password = "another-long-passphrase-9"

    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )

    assert polish(REVOKED_NOTE) in response.text
    for token in tokens:
        assert api_client.get(ME, **auth(token)).status_code == 401
    assert not ApiToken.objects.usable_at(timezone.now()).exists()


def test_a_password_change_revokes_every_token_and_says_so(
    client_as, api_client, resident, ngo_member
):
    token = services.api_token_create(user=resident)
    other = services.api_token_create(user=ngo_member)
    new_password = "another-long-passphrase-9"

    response = client_as(resident).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
        follow=True,
    )

    assert polish(REVOKED_NOTE) in response.text
    assert api_client.get(ME, **auth(token)).status_code == 401
    assert api_client.get(ME, **auth(other)).status_code == 200


# --- DRF's tokens moved over --------------------------------------------------------------

migration = importlib.import_module("accounts.migrations.0003_api_tokens_from_drf_tokens")


class Editor:
    """What the migration's function uses of a schema editor (SQLite refuses a real one
    inside the test's transaction)."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_moves_drf_tokens_so_their_clients_keep_working(
    api_client, resident, settings
):
    settings.API_TOKEN_TTL_DAYS = 90
    key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token "
            "(key varchar(40) PRIMARY KEY, user_id bigint NOT NULL, created timestamp NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, %s)",
            [key, resident.pk, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
    MigrationRecorder(connection).record_applied("authtoken", "0001_initial")

    migration.move_drf_tokens(apps, Editor())

    token = ApiToken.objects.get(user=resident)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert token.expires_at > timezone.now() + dt.timedelta(days=89)
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not MigrationRecorder.Migration.objects.filter(app="authtoken").exists()


def test_the_migration_does_nothing_on_a_fresh_database(resident):
    migration.move_drf_tokens(apps, Editor())

    assert not ApiToken.objects.exists()
