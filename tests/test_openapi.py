"""The OpenAPI schema generates cleanly and the browsable docs are served locally."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.openapi import generate_schema

API_PATHS = {
    "/api/v1/auth/token/",
    "/api/v1/me/",
    "/api/v1/me/tokens/",
    "/api/v1/me/tokens/{id}/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{id}/",
    "/api/v1/organisations/{id}/verify/",
    "/api/v1/organisations/{id}/reject/",
    "/api/v1/organisations/{id}/members/",
    "/api/v1/memberships/",
    "/api/v1/memberships/{id}/",
    "/api/v1/memberships/{id}/approve/",
    "/api/v1/memberships/{id}/decline/",
    "/api/v1/memberships/{id}/revoke/",
    "/api/v1/memberships/{id}/role/",
    "/api/v1/departments/",
    "/api/v1/activity-areas/",
    "/api/v1/audit-events/",
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    """Generate once with validation, failing on any warning or error."""
    return generate_schema()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_the_schema_generates_without_warnings_or_errors(schema):
    assert schema["openapi"].startswith("3.")


def test_every_accounts_and_audit_endpoint_is_in_the_schema(schema):
    assert set(schema["paths"]) >= API_PATHS


def test_every_operation_has_a_summary_and_a_tag(schema):
    missing = [
        f"{method.upper()} {path}"
        for path, method, operation in operations(schema)
        if path in API_PATHS and not (operation.get("summary") and operation.get("tags"))
    ]
    assert missing == []


def test_every_documented_error_has_the_shared_error_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    wrong = [
        f"{method.upper()} {path} {status}"
        for path, method, operation in operations(schema)
        if path in API_PATHS
        for status, response in operation["responses"].items()
        if int(status) >= 400 and response["content"]["application/json"]["schema"] != error
    ]
    assert wrong == []
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {
        "message",
        "code",
        "extra",
    }


def test_writes_document_their_errors(schema):
    undocumented = [
        f"{method.upper()} {path}"
        for path, method, operation in operations(schema)
        if path in API_PATHS
        and method in {"post", "patch", "delete"}
        and not any(int(status) >= 400 for status in operation["responses"])
    ]
    assert undocumented == []


def test_the_schema_is_served(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert b"/api/v1/organisations/" in response.content


def test_the_docs_page_loads_only_local_files(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    references = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert references, "the page references its scripts and styles"
    external = [url for url in references if re.match(r"^(https?:)?//", url)]
    assert external == []
    for url in references:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
    assert "cdn" not in html.lower()


def test_the_docs_script_is_served_locally(client):
    html = client.get("/api/docs/").content.decode()
    [script_url] = re.findall(r"""src=["'](/api/docs/\?script=[^"']*)["']""", html)

    response = client.get(script_url)

    assert response.status_code == 200
    assert "/api/schema/" in response.content.decode()
    assert not re.search(r"https?://", response.content.decode())
