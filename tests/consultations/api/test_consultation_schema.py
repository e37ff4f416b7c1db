"""The consultation, comment and report endpoints are documented: summary, tag, the shared
error shape, and the paths of the public contract."""

import pytest

from tests.openapi import generate_schema

CONSULTATION = "/api/v1/consultations/{id}/"
COMMENT = "/api/v1/comments/{id}/"
PATHS = {
    "/api/v1/consultations/": {"get", "post"},
    CONSULTATION: {"get", "patch"},
    CONSULTATION + "schedule/": {"post"},
    CONSULTATION + "extend/": {"post"},
    CONSULTATION + "cancel/": {"post"},
    CONSULTATION + "meetings/": {"post"},
    CONSULTATION + "attachments/": {"post"},
    CONSULTATION + "provisions/": {"get"},
    CONSULTATION + "comments/": {"get", "post"},
    CONSULTATION + "answers/bulk/": {"post"},
    CONSULTATION + "report/publish/": {"post"},
    CONSULTATION + "report.json": {"get"},
    CONSULTATION + "report.csv": {"get"},
    CONSULTATION + "summary/": {"get"},
    COMMENT: {"get", "patch", "delete"},
    COMMENT + "versions/": {"get"},
    COMMENT + "submit/": {"post"},
    COMMENT + "withdraw/": {"post"},
    COMMENT + "hide/": {"post"},
    COMMENT + "unhide/": {"post"},
    COMMENT + "answer/": {"post"},
    COMMENT + "attachments/": {"post"},
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    return generate_schema()


def test_every_endpoint_of_the_contract_is_documented_with_the_error_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for path, methods in PATHS.items():
        assert path in schema["paths"], path
        assert set(schema["paths"][path]) - {"parameters"} == methods, path
        for method, operation in schema["paths"][path].items():
            assert operation.get("summary"), (method, path)
            assert operation.get("tags"), (method, path)
            statuses = [int(status) for status in operation["responses"]]
            if method in {"post", "patch"}:
                assert any(status >= 400 for status in statuses), (method, path)
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert response["content"]["application/json"]["schema"] == error


def test_uploads_are_multipart_and_the_csv_is_text(schema):
    for path in (CONSULTATION + "attachments/", COMMENT + "attachments/"):
        assert "multipart/form-data" in schema["paths"][path]["post"]["requestBody"]["content"]
    csv = schema["paths"][CONSULTATION + "report.csv"]["get"]["responses"]["200"]["content"]
    assert "text/csv" in csv
