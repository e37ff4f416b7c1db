"""Schema fuzzing: every operation of the API, called with data generated from its own
schema (schemathesis, in-process through the WSGI application), as the public and as a
signed-in official, on the demo data. No answer may be a server error, and every status
must be one the operation documents.

Bounded to a few examples per operation and persona, derandomized, so it runs in the
normal suite in seconds and fails the same way every time.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import status_code_conformance

from accounts import services
from accounts.models import User
from config.wsgi import application
from tests.openapi import public_schema

pytestmark = pytest.mark.fuzz

EXAMPLES_PER_OPERATION = 3
CHECKS = [not_a_server_error, status_code_conformance]


def load_schema() -> Any:
    raw = json.loads(OpenApiJsonRenderer().render(public_schema(), renderer_context={}))
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = application
    return schema


def fuzz(operation: Any, headers: dict[str, str]) -> list[str]:
    """What went wrong calling ``operation`` with generated data (one line per failure)."""
    failures: list[str] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        cache.clear()  # no throttle counts across examples
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as error:  # each failure is reported, the run goes on
            kinds = sorted({type(failure).__name__ for failure in error.exceptions})
            body = response.text[:200] if response.status_code >= 500 else ""
            failures.append(
                f"{operation.label} → {response.status_code} {', '.join(kinds)} {body}".strip()
            )

    run()
    return failures


@pytest.fixture
def connection_kept_across_requests():
    """The WSGI application closes the database connection when a request ends, which in
    a test would end its transaction; Django's test client stops that the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


SHARDS = 2


@pytest.mark.django_db
@pytest.mark.usefixtures("connection_kept_across_requests")
@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("persona", ["public", "official"])
def test_no_operation_answers_a_server_error_or_an_undocumented_status(persona, shard):
    """Each persona and each shard of the operations is its own test, so that parallel
    workers share the run."""
    call_command("seed_demo", stdout=StringIO())
    headers: dict[str, str] = {}
    if persona == "official":
        official = User.objects.get(email="official@example.org")
        token = services.api_token_create(user=official)
        headers = {"Authorization": f"Token {token.key}"}
    schema = load_schema()

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 100
    failures: list[str] = []
    for operation in operations[shard::SHARDS]:
        failures.extend(fuzz(operation, headers))

    assert failures == [], "\n".join(failures)
