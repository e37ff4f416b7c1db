"""The accounts API's schema: every write of a signed-in user offers ``Idempotency-Key``;
the login, which has no signed-in user, does not."""

import pytest

from core.idempotency import HEADER
from tests.openapi import public_schema

ACCOUNTS_PREFIXES = (
    "/api/v1/auth/",
    "/api/v1/me/",
    "/api/v1/organisations/",
    "/api/v1/memberships/",
)
WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def writes():
    schema = public_schema()
    return {
        f"{method.upper()} {path}": operation
        for path, methods in schema["paths"].items()
        if path.startswith(ACCOUNTS_PREFIXES)
        for method, operation in methods.items()
        if method in WRITES
    }


def _offers_a_key(operation):
    return any(
        parameter["in"] == "header" and parameter["name"] == HEADER
        for parameter in operation.get("parameters", [])
    )


def test_every_write_but_the_login_offers_an_idempotency_key(writes):
    without = sorted(name for name, operation in writes.items() if not _offers_a_key(operation))

    # Neither stores its answer: each carries a new token's key, kept only as a hash.
    assert without == ["POST /api/v1/auth/token/", "POST /api/v1/me/tokens/"]
    assert len(writes) == 13  # the login, three on me, four on organisations, five on memberships
