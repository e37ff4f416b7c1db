"""The generated OpenAPI schema, for the tests of each app's part of it."""

from __future__ import annotations

from typing import Any

import yaml
from django.core.management import call_command


def generate_schema(directory: Any) -> dict[str, Any]:
    """Generate and validate the schema (warnings fail) and read it back."""
    path = directory / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


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
