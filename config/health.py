"""The health check: what a page needs, each part checked and named when it fails.

A page needs the database, the static manifest (under the production storage every
``{% static %}`` tag looks its file up there) and, when Redis is configured, the cache
that throttling uses and the broker that tasks are sent to. ``/health/`` runs every
check that applies and answers 503 naming the parts that failed; ``bin/build-assets``
runs the static check so that a build without a manifest fails instead of the pages.

Failure messages are public (the health URL needs no login): they name the part and what
to do, never a host or a password; the exception itself goes to the log.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Literal, TypedDict

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

# The files templates/base.html names with {% static %}: every page fails without them.
BASE_TEMPLATE_ASSETS = ("img/favicon.svg", "css/site.css", "js/site.js")
# Where the health check answers (config/urls.py names the same path).
HEALTH_PATH = "/health/"
# Seconds the broker check waits for a connection (the compose health check allows ten).
BROKER_TIMEOUT_SECONDS = 2


class HealthCheckFailed(Exception):
    """A part the pages need is not usable; the message says which and what to do."""


class CheckResult(TypedDict, total=False):
    status: Literal["ok", "failed", "skipped"]
    message: str


def check_database() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        raise HealthCheckFailed(
            f"the database cannot be queried ({type(error).__name__}): check DATABASE_URL"
        ) from error


def check_cache() -> None:
    """Store a value and read it back (a cache that fails open answers None, not an error)."""
    key = f"health:{secrets.token_hex(8)}"
    token = secrets.token_hex(8)
    try:
        cache.set(key, token, timeout=30)
        stored = cache.get(key)
        cache.delete(key)
    except Exception as error:
        raise HealthCheckFailed(
            f"the cache cannot be used ({type(error).__name__}): check REDIS_URL"
        ) from error
    if stored != token:
        raise HealthCheckFailed("the cache did not return what was stored: check REDIS_URL")


def check_broker() -> None:
    from config.celery import app

    try:
        with app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
            broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as error:
        raise HealthCheckFailed(
            f"the task broker cannot be reached ({type(error).__name__}): check REDIS_URL"
        ) from error


def check_static() -> None:
    """The assets of the base template resolve to collected files (via the manifest)."""
    storage = staticfiles_storage
    if isinstance(storage, ManifestFilesMixin):
        # What this process loaded when it started: pages use exactly that.
        names = storage.hashed_files
        if not names:
            raise HealthCheckFailed(
                f"no static manifest ({storage.manifest_name}) in STATIC_ROOT: "
                "run bin/build-assets and restart"
            )
        missing = [name for name in BASE_TEMPLATE_ASSETS if name not in names]
        if missing:
            raise HealthCheckFailed(
                "the static manifest lacks " + ", ".join(missing) + ": run bin/build-assets"
            )
        absent = [name for name in BASE_TEMPLATE_ASSETS if not storage.exists(names[name])]
        if absent:
            raise HealthCheckFailed(
                "collected static files are missing for "
                + ", ".join(absent)
                + ": run bin/build-assets"
            )
        return
    # Without a manifest (DEBUG, tests) files are served from where they are found.
    missing = [name for name in BASE_TEMPLATE_ASSETS if not finders.find(name)]
    if missing:
        raise HealthCheckFailed("static files not found: " + ", ".join(missing))


def _checks() -> dict[str, Callable[[], None] | str]:
    """Each part with its check, or the reason it does not apply to this configuration."""
    checks: dict[str, Callable[[], None] | str] = {
        "database": check_database,
        "cache": "REDIS_URL is not set",
        "broker": "REDIS_URL is not set",
        "static": check_static,
    }
    if settings.REDIS_URL:
        checks["cache"] = check_cache
        checks["broker"] = "tasks run inline" if settings.CELERY_TASK_ALWAYS_EAGER else check_broker
    return checks


def run_checks() -> dict[str, CheckResult]:
    results: dict[str, CheckResult] = {}
    for name, check in _checks().items():
        if isinstance(check, str):
            results[name] = {"status": "skipped", "message": check}
            continue
        try:
            check()
        except HealthCheckFailed as failure:
            logger.error("health check %s failed: %s", name, failure, exc_info=failure.__cause__)
            results[name] = {"status": "failed", "message": str(failure)}
        else:
            results[name] = {"status": "ok"}
    return results


class HealthCheckMiddleware:
    """Answer ``/health/`` before any other middleware looks at the request.

    The container's health check asks ``http://127.0.0.1:8000/health/`` from inside the
    container: that host is not among a deployment's ``ALLOWED_HOSTS`` and the request is
    not HTTPS, so behind the host check and the HTTPS redirect it would be a 400 or a 301
    whatever the state of the parts. The answer names parts, never hosts, and needs no
    session, so it is safe to give to any host name.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            from config.views import health

            return health(request)
        return self.get_response(request)
