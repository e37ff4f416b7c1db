"""The production settings: refuse to start insecurely, pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Only what a deployment would have: nothing the test run itself set may leak in.
    environment = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL") if key in os.environ
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.base", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = _manage("check", DEBUG="0", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checks_without_warnings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="konsultacje.example.org",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _database_options(**env: str) -> str:
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))",
        SECRET_KEY="a-long-random-secret-key-for-this-settings-test-0123456789",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_binds_parameters_on_the_server_unless_told_not_to(tmp_path):
    url = "postgres://someone@127.0.0.1:5432/nowhere"
    assert "'server_side_binding': True" in _database_options(
        DATABASE_URL=url, VAR_DIR=str(tmp_path)
    )
    assert "'server_side_binding': False" in _database_options(
        DATABASE_URL=url, DATABASE_SERVER_SIDE_BINDING="0", VAR_DIR=str(tmp_path)
    )
    assert "server_side_binding" not in _database_options(VAR_DIR=str(tmp_path))
