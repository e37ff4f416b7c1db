"""The Redis cache, failing open: when Redis is away, throttling and caching serve anyway.

Nothing kept in this cache is needed for a correct answer (throttle counters, cached
reads), so a Redis that cannot be reached costs rate limits and speed, never a request:
each call that fails is logged and answered as a miss. After a failure the cache is not
asked again for ``PAUSE_AFTER_FAILURE_SECONDS``, so a request waits for at most one
connection timeout (set short in the settings' ``OPTIONS``) and the log gets one line per
pause, not one per call. ``/health/`` still reports the cache as failed: it stores a value
and reads it back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from time import monotonic
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUSE_AFTER_FAILURE_SECONDS = 5.0

Result = TypeVar("Result")


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache whose failures are logged and answered as misses."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._paused_until = 0.0

    def _fail_open(self, operation: str, call: Callable[[], Result], miss: Result) -> Result:
        if monotonic() < self._paused_until:
            return miss
        try:
            return call()
        except (RedisError, OSError) as error:
            self._paused_until = monotonic() + PAUSE_AFTER_FAILURE_SECONDS
            logger.warning(
                "Redis cache unavailable (%s: %s: %s); serving without it for %.0f s",
                operation,
                type(error).__name__,
                error,
                PAUSE_AFTER_FAILURE_SECONDS,
            )
            return miss

    def add(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._fail_open("add", partial(super().add, key, value, timeout, version), False)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return self._fail_open("get", partial(super().get, key, default, version), default)

    def set(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._fail_open("set", partial(super().set, key, value, timeout, version), None)

    def touch(
        self, key: str, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._fail_open("touch", partial(super().touch, key, timeout, version), False)

    def delete(self, key: str, version: int | None = None) -> bool:
        return self._fail_open("delete", partial(super().delete, key, version), False)

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        return self._fail_open("get_many", partial(super().get_many, keys, version), {})

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self._fail_open("has_key", partial(super().has_key, key, version), False)

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        value = self._fail_open("incr", partial(super().incr, key, delta, version), None)
        if value is None:
            # A miss, as for a key that is not there.
            raise ValueError(f"Key '{key}' not found.")
        return int(value)

    def set_many(
        self,
        data: dict[str, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[str]:
        # The keys that could not be stored: all of them when Redis is away.
        return self._fail_open(
            "set_many", partial(super().set_many, data, timeout, version), list(data)
        )

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        self._fail_open("delete_many", partial(super().delete_many, keys, version), None)

    def clear(self) -> None:
        self._fail_open("clear", super().clear, None)
