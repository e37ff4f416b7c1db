"""The generated OpenAPI schema, for the tests of each app's part of it."""

from __future__ import annotations

import copy
import functools
import tempfile
from pathlib import Path
from typing import Any

import yaml
from django.core.management import call_command


@functools.cache
def _validated_schema() -> dict[str, Any]:
    # Generating and validating takes seconds: once per test process, whichever module asks.
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "schema.yml"
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
        return yaml.safe_load(path.read_text())


@functools.cache
def _public_schema() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def public_schema() -> dict[str, Any]:
    """The public schema as drf-spectacular builds it (not validated), generated once per
    test process; a copy the caller may change."""
    return copy.deepcopy(_public_schema())


def generate_schema(directory: Any = None) -> dict[str, Any]:
    """The schema as ``manage.py spectacular --validate --fail-on-warn`` writes it (any
    warning or error fails), read back; a copy the caller may change."""
    return copy.deepcopy(_validated_schema())


def assert_documented(schema: dict[str, Any], paths: set[str], *, tag: str) -> None:
    """Every operation of ``paths`` has a summary and ``tag``; every write documents an
    error, and every error answer is in the shared error shape."""
    assert set(schema["paths"]) >= paths
    error = {"$ref": "#/components/schemas/Error"}
    for path in paths:
        for method, operation in schema["paths"][path].items():
            assert operation.get("summary"), (method, path)
            assert operation.get("tags") == [tag], (method, path)
            statuses = [int(status) for status in operation["responses"]]
            if method in {"post", "patch", "delete"}:
                assert any(status >= 400 for status in statuses), (method, path)
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert response["content"]["application/json"]["schema"] == error
