"""Rate limits and lockouts count per client address, and a made-up X-Forwarded-For does
not give a client a new one: the header is believed only from ``TRUSTED_PROXIES``."""

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from core.client_ip import client_ip, parse_networks

TOKEN_URL = reverse("api-token-obtain")
ATTEMPTS = 15
LOGIN_LIMIT = 5  # config/settings/test.py: "login": "5/minute"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_counters():
    cache.clear()
    axes_reset()
    yield
    cache.clear()
    axes_reset()


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_the_header_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("198.51.100.1", "198.51.100.1"),
        # The client wrote the first entry itself; the proxy appended the real address.
        ("1.2.3.4, 198.51.100.1", "198.51.100.1"),
        # Two proxies: the inner one's address is skipped.
        ("198.51.100.1, 10.0.0.3", "198.51.100.1"),
        # Only proxies: the farthest one.
        ("10.0.0.4, 10.0.0.3", "10.0.0.4"),
        # Garbage is not an address: the nearest proxy is all that is known.
        ("not-an-address", "10.0.0.2"),
        ("", "10.0.0.2"),
    ],
)
def test_behind_a_trusted_proxy_the_forwarded_client_is_used(settings, forwarded, client):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_ip(request_from("10.0.0.2", forwarded)) == client


def test_a_malformed_trusted_proxy_stops_the_start():
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        parse_networks(["10.0.0.0/8", "proxy.example.org"])


def login_statuses(api_client, forwarded_for):
    statuses = []
    for attempt in range(ATTEMPTS):
        headers = {}
        if forwarded_for is not None:
            headers["HTTP_X_FORWARDED_FOR"] = forwarded_for(attempt)
        response = api_client.post(
            TOKEN_URL,
            # A new address each time, so django-axes (per e-mail and address) stays out.
            {"email": f"nobody{attempt}@example.org", "password": "wrong"},
            format="json",
            **headers,
        )
        statuses.append(response.status_code)
    return statuses


def test_made_up_forwarded_addresses_are_throttled_like_none(api_client, settings):
    settings.TRUSTED_PROXIES = []

    plain = login_statuses(api_client, None)
    cache.clear()
    made_up = login_statuses(api_client, lambda attempt: f"198.51.100.{attempt + 1}")

    assert plain.count(429) == ATTEMPTS - LOGIN_LIMIT
    assert made_up == plain


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(api_client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    api_client.defaults["REMOTE_ADDR"] = "10.0.0.2"

    first = login_statuses(api_client, lambda attempt: "198.51.100.1")
    second = login_statuses(api_client, lambda attempt: "198.51.100.2")

    assert first.count(429) == second.count(429) == ATTEMPTS - LOGIN_LIMIT


def test_django_axes_records_the_client_address_resolved_the_same_way(
    api_client, settings, resident
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    api_client.post(
        TOKEN_URL,
        {"email": resident.email, "password": "wrong"},
        format="json",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",
    )
    api_client.post(
        TOKEN_URL,
        {"email": resident.email, "password": "wrong"},
        format="json",
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "198.51.100.7",
        "203.0.113.9",
    }
