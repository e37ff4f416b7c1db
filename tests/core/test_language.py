"""Which language a response speaks: Polish by default, the user's or the client's choice."""

import pytest
from rest_framework.test import APIClient

from accounts import services


@pytest.mark.django_db
def test_pages_speak_polish_by_default_whatever_the_browser_prefers(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "pl"
    assert '<html lang="pl">' in response.content.decode()


@pytest.mark.django_db
def test_pages_speak_the_signed_in_users_language(client, resident):
    resident.language = "en"
    resident.save(update_fields=["language"])
    client.force_login(resident)
    assert client.get("/")["Content-Language"] == "en"


@pytest.mark.django_db
def test_the_language_cookie_wins_over_the_profile(client, resident):
    resident.language = "en"
    resident.save(update_fields=["language"])
    client.force_login(resident)
    client.cookies["django_language"] = "pl"
    assert client.get("/")["Content-Language"] == "pl"


@pytest.mark.django_db
def test_api_clients_may_ask_for_english_with_accept_language():
    response = APIClient().get("/api/v1/departments/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    assert APIClient().get("/api/v1/departments/")["Content-Language"] == "pl"


@pytest.mark.django_db
def test_token_clients_get_their_profile_language(resident):
    resident.language = "en"
    resident.save(update_fields=["language"])
    token = services.api_token_create(user=resident)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
