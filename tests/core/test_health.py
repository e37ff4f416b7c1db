"""/health/ checks what a page needs and names the part that failed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from config import health
from tests.redis_down import *  # noqa: F403
from tests.redis_down import broker_at

pytestmark = pytest.mark.django_db

BASE_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "base.html"
MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
COMPLETE_MANIFEST = {
    "img/favicon.svg": "img/favicon.5a5a.svg",
    "css/site.css": "css/site.0123456789ab.css",
    "js/site.js": "js/site.ba98.js",
}


@pytest.fixture
def without_redis(settings):
    settings.REDIS_URL = None


@pytest.fixture
def with_redis(settings):
    """REDIS_URL set and tasks sent to a broker; the cache stays the test's local one."""
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False


def _health(client):
    response = client.get(reverse("health"))
    return response.status_code, json.loads(response.content)


def _manifest_storage(settings, static_root: Path) -> None:
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFEST_STORAGE},
    }


def _collect(static_root: Path, names: dict[str, str]) -> None:
    """A manifest naming ``names`` (source -> hashed), with the hashed files present."""
    static_root.mkdir(parents=True, exist_ok=True)
    for hashed in names.values():
        (static_root / hashed).parent.mkdir(parents=True, exist_ok=True)
        (static_root / hashed).write_text("/* collected */")
    manifest = {"paths": names, "version": "1.1"}
    (static_root / "staticfiles.json").write_text(json.dumps(manifest))


def test_the_assets_checked_are_those_the_base_template_names():
    named = re.findall(r"""{% static ['"]([^'"]+)['"] %}""", BASE_TEMPLATE.read_text())

    assert sorted(named) == sorted(health.BASE_TEMPLATE_ASSETS)


def test_health_is_ok_with_the_database_and_the_static_files_and_skips_redis_when_unset(
    client, without_redis
):
    status, answer = _health(client)

    assert status == 200
    assert answer == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "cache": {"status": "skipped", "message": "REDIS_URL is not set"},
            "broker": {"status": "skipped", "message": "REDIS_URL is not set"},
            "static": {"status": "ok"},
        },
    }


def test_health_checks_the_cache_and_the_broker_when_redis_is_configured(
    client, with_redis, monkeypatch
):
    connected = []
    monkeypatch.setattr(health, "check_broker", lambda: connected.append("broker"))

    status, answer = _health(client)

    assert status == 200
    assert answer["checks"]["cache"] == {"status": "ok"}
    assert answer["checks"]["broker"] == {"status": "ok"}
    assert connected == ["broker"]


def test_the_broker_is_not_checked_when_tasks_run_inline(client, with_redis, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    status, answer = _health(client)

    assert status == 200
    assert answer["checks"]["broker"] == {"status": "skipped", "message": "tasks run inline"}


def test_an_unreachable_database_is_a_503_naming_the_database(client, without_redis, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection to server at 10.0.0.5 refused")

    monkeypatch.setattr(health, "connection", Unreachable())

    status, answer = _health(client)

    assert status == 503
    assert answer["status"] == "failed"
    assert answer["failed"] == ["database"]
    assert answer["checks"]["database"]["status"] == "failed"
    assert "DATABASE_URL" in answer["checks"]["database"]["message"]
    # The public answer names the part, not the server's address.
    assert "10.0.0.5" not in answer["checks"]["database"]["message"]
    assert answer["checks"]["static"] == {"status": "ok"}


def test_a_redis_cache_that_fails_open_is_still_a_503_naming_the_cache(
    client, redis_away, monkeypatch
):
    monkeypatch.setattr(health, "check_broker", lambda: None)

    status, answer = _health(client)

    assert status == 503
    assert answer["failed"] == ["cache"]
    assert answer["checks"]["cache"] == {
        "status": "failed",
        "message": "the cache did not return what was stored: check REDIS_URL",
    }


def test_a_cache_that_raises_is_a_503_naming_the_cache(
    client, with_redis, settings, dead_redis_url, monkeypatch
):
    monkeypatch.setattr(health, "check_broker", lambda: None)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": dead_redis_url,
        }
    }

    status, answer = _health(client)

    assert status == 503
    assert answer["failed"] == ["cache"]
    assert answer["checks"]["cache"]["message"].startswith(
        "the cache cannot be used (ConnectionError)"
    )


def test_redis_away_is_a_503_naming_the_cache_and_the_broker(client, redis_away):
    status, answer = _health(client)

    assert status == 503
    assert answer["failed"] == ["cache", "broker"]
    assert answer["checks"]["database"] == {"status": "ok"}
    assert answer["checks"]["static"] == {"status": "ok"}


def test_an_unreachable_broker_is_a_503_naming_the_broker(
    client, with_redis, dead_redis_url, monkeypatch
):
    broker_at(monkeypatch, dead_redis_url)

    status, answer = _health(client)

    assert status == 503
    assert answer["failed"] == ["broker"]
    assert "broker" in answer["checks"]["broker"]["message"]


def test_static_files_collected_without_a_manifest_are_a_503_naming_the_build(
    client, without_redis, settings, tmp_path
):
    # What `collectstatic` with DEBUG on leaves: the files, no staticfiles.json.
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("/* collected */")
    _manifest_storage(settings, tmp_path)

    status, answer = _health(client)

    assert status == 503
    assert answer["failed"] == ["static"]
    assert "no static manifest (staticfiles.json)" in answer["checks"]["static"]["message"]
    assert "bin/build-assets" in answer["checks"]["static"]["message"]


def test_a_manifest_without_an_asset_of_the_base_template_names_it(
    client, without_redis, settings, tmp_path
):
    _collect(
        tmp_path,
        {"img/favicon.svg": "img/favicon.5a5a.svg", "css/site.css": "css/site.0123456789ab.css"},
    )
    _manifest_storage(settings, tmp_path)

    status, answer = _health(client)

    assert status == 503
    assert answer["failed"] == ["static"]
    assert answer["checks"]["static"]["message"].startswith("the static manifest lacks js/site.js")


def test_a_manifest_whose_files_were_not_collected_names_them(
    client, without_redis, settings, tmp_path
):
    _collect(tmp_path, COMPLETE_MANIFEST)
    (tmp_path / "js" / "site.ba98.js").unlink()
    _manifest_storage(settings, tmp_path)

    status, answer = _health(client)

    assert status == 503
    assert "missing for js/site.js" in answer["checks"]["static"]["message"]


def test_a_complete_manifest_is_ok(client, without_redis, settings, tmp_path):
    _collect(tmp_path, COMPLETE_MANIFEST)
    _manifest_storage(settings, tmp_path)

    status, answer = _health(client)

    assert status == 200
    assert answer["checks"]["static"] == {"status": "ok"}


def test_several_failures_are_all_named(client, without_redis, settings, tmp_path, monkeypatch):
    def refuse():
        raise health.HealthCheckFailed("the database cannot be queried")

    monkeypatch.setattr(health, "check_database", refuse)
    _manifest_storage(settings, tmp_path)

    status, answer = _health(client)

    assert status == 503
    assert answer["failed"] == ["database", "static"]


def test_health_answers_any_host_name_and_plain_http(client, without_redis, settings):
    """The container asks 127.0.0.1 over HTTP; a deployment allows only its own name."""
    settings.ALLOWED_HOSTS = ["konsultacje.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = []

    response = client.get("/health/", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "ok"
    # Every other page still refuses the host.
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400
