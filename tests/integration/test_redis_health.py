"""The fail-open cache and /health/ against the real Redis of the production shape."""

from __future__ import annotations

import secrets

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(redis_url, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"tests-{secrets.token_hex(4)}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_the_fail_open_cache_stores_and_reads_through_redis(redis_cache):
    cache.set("value", {"answer": 42}, timeout=30)
    cache.set("counter", 1, timeout=30)

    assert cache.get("value") == {"answer": 42}
    assert cache.incr("counter") == 2
    assert cache.delete("value") is True
    assert cache.delete("counter") is True
    assert cache.get("value") is None


def test_health_checks_the_real_cache_and_broker(client, redis_cache, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get(reverse("health"))

    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["cache"] == {"status": "ok"}
    assert checks["broker"] == {"status": "ok"}
