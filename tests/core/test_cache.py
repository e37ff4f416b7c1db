"""The Redis cache fails open: with Redis away every call is a logged miss, and the API
(throttled through the cache) serves."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache

from core import cache as fail_open
from tests.redis_down import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_every_call_to_a_cache_whose_redis_is_away_answers_as_a_miss(redis_away):
    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1) is False
    assert cache.set("key", 1) is None
    assert cache.touch("key") is False
    assert cache.delete("key") is False
    assert cache.get_many(["key", "other"]) == {}
    assert cache.has_key("key") is False
    assert cache.set_many({"key": 1, "other": 2}) == ["key", "other"]
    assert cache.delete_many(["key"]) is None
    assert cache.get_or_set("key", 3) == 3
    with pytest.raises(ValueError, match="not found"):
        cache.incr("key")
    assert cache.clear() is None


def test_a_failure_is_logged_once_and_redis_is_left_alone_for_a_pause(
    redis_away, redis_connections, caplog, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(fail_open, "monotonic", lambda: now[0])

    with caplog.at_level(logging.WARNING, logger="core.cache"):
        cache.get("key")
        cache.set("key", 1)
        cache.get("key")
    assert len(redis_connections) == 1
    (warning,) = caplog.records
    assert "Redis cache unavailable (get: ConnectionError" in warning.getMessage()

    now[0] += fail_open.PAUSE_AFTER_FAILURE_SECONDS + 1
    cache.get("key")
    assert len(redis_connections) == 2


def test_the_api_serves_when_redis_is_away(api_client, redis_away, redis_connections, caplog):
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        response = api_client.get("/api/v1/consultations/")

    assert response.status_code == 200
    # The anonymous throttle asked the cache, which failed open and said so.
    assert redis_connections
    assert all(attempt.by_the_cache for attempt in redis_connections)
    assert "Redis cache unavailable" in caplog.text


def test_logging_in_through_the_api_works_when_redis_is_away(api_client, redis_away, resident):
    resident.set_password("a long password for the api")
    resident.save()

    response = api_client.post(
        "/api/v1/auth/token/",
        {"email": resident.email, "password": "a long password for the api"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["token"]
