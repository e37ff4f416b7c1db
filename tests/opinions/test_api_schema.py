"""The council's endpoints are documented: summary, tag and the shared error shape."""

import pytest

from tests.openapi import assert_documented, generate_schema

COUNCIL_PATHS = {
    "/api/v1/council/workspace/",
    "/api/v1/council/terms/",
    "/api/v1/council/terms/{id}/",
    "/api/v1/council/terms/{id}/members/",
    "/api/v1/council/members/{id}/",
    "/api/v1/council/members/{id}/end/",
    "/api/v1/council/positions/",
    "/api/v1/council/positions/{id}/",
    "/api/v1/council/positions/{id}/withdraw/",
    "/api/v1/council/positions/{id}/items/",
    "/api/v1/council/positions/{id}/items/from-comments/",
    "/api/v1/council/positions/{id}/comments/",
    "/api/v1/council/positions/{id}/votes/",
    "/api/v1/council/items/{id}/",
    "/api/v1/council/items/{id}/move/",
    "/api/v1/council/items/{id}/revisions/",
    "/api/v1/council/items/{id}/notes/",
    "/api/v1/council/items/{id}/amendments/",
    "/api/v1/council/amendments/{id}/",
    "/api/v1/council/amendments/{id}/accept/",
    "/api/v1/council/amendments/{id}/reject/",
    "/api/v1/council/votes/",
    "/api/v1/council/votes/{id}/",
    "/api/v1/council/votes/{id}/ballot/",
    "/api/v1/council/votes/{id}/attendance/",
    "/api/v1/council/votes/{id}/ballots/",
    "/api/v1/council/votes/{id}/recusals/",
    "/api/v1/council/votes/{id}/close/",
    "/api/v1/council/requests/",
    "/api/v1/council/requests/{id}/",
    "/api/v1/council/requests/{id}/accept/",
    "/api/v1/council/requests/{id}/decline/",
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    return generate_schema(tmp_path_factory.mktemp("openapi"))


def test_every_council_endpoint_has_a_summary_a_tag_and_documented_errors(schema):
    assert_documented(schema, COUNCIL_PATHS, tag="council")


def test_the_position_list_documents_its_filters(schema):
    names = {
        parameter["name"]
        for parameter in schema["paths"]["/api/v1/council/positions/"]["get"]["parameters"]
    }
    assert {"kind", "status", "consultation", "term"} <= names


def test_the_council_enums_have_their_own_names(schema):
    components = schema["components"]["schemas"]
    for name in ("PositionKindEnum", "PositionStatusEnum", "BallotChoiceEnum", "VoteModeEnum"):
        assert name in components
    assert components["BallotChoiceEnum"]["enum"] == ["for", "against", "abstain"]


def test_a_request_is_sent_with_attachments_as_multipart(schema):
    content = schema["paths"]["/api/v1/council/requests/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in content


def test_every_council_write_documents_the_idempotency_key(schema):
    for path in COUNCIL_PATHS:
        for method, operation in schema["paths"][path].items():
            headers = {
                parameter["name"]
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "header"
            }
            if method in {"post", "put", "patch", "delete"}:
                assert "Idempotency-Key" in headers, (method, path)
            else:
                assert "Idempotency-Key" not in headers, (method, path)
