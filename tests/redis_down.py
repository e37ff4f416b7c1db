"""Redis away: the cache and the broker pointed at an address where nothing listens, and
every connection attempted to Redis recorded with whether the fail-open cache made it.

Import the fixtures with ``from tests.redis_down import *``.
"""

from __future__ import annotations

import socket
import traceback
from dataclasses import dataclass

import pytest
import redis.connection

from config.celery import app

__all__ = ["broker_at", "dead_redis_url", "redis_away", "redis_connections"]


def broker_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Queue tasks to ``url`` for the rest of the test. Celery keeps the connection pool
    and the producer pool of the first broker it published to, whatever ``broker_url``
    says afterwards: both are dropped, so a test that points the broker at a dead Redis
    does not publish through a connection an earlier test opened to a live one (where
    CI's worker would take the task)."""
    monkeypatch.setattr(app.conf, "broker_url", url)
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)


@pytest.fixture
def dead_redis_url() -> str:
    """A Redis address where nothing listens: every connection is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def redis_away(settings, dead_redis_url, monkeypatch):
    """The production configuration with Redis down: its cache, its broker, tasks queued."""
    # Read before the settings change: Celery's configuration reads Django's settings.
    eager = app.conf.task_always_eager
    settings.REDIS_URL = dead_redis_url
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": dead_redis_url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    broker_at(monkeypatch, dead_redis_url)
    app.conf.task_always_eager = False
    yield dead_redis_url
    app.conf.task_always_eager = eager


@dataclass
class Attempt:
    by_the_cache: bool
    stack: str
    by_the_broker: bool = False  # queueing a task (Celery, its producer or result backend)


@pytest.fixture
def redis_connections(monkeypatch) -> list[Attempt]:
    """Every connection to Redis attempted from now on (each still goes ahead)."""
    attempts: list[Attempt] = []
    connect = redis.connection.AbstractConnection.connect

    def recording_connect(self):
        stack = traceback.extract_stack()
        by_the_cache = any(frame.filename.endswith("core/cache.py") for frame in stack)
        by_the_broker = any(
            "/kombu/" in frame.filename or "/celery/" in frame.filename for frame in stack
        )
        attempts.append(
            Attempt(by_the_cache, "".join(traceback.format_list(stack[-12:])), by_the_broker)
        )
        return connect(self)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", recording_connect)
    return attempts
