"""The legal acts endpoints are documented: summary, tag and the shared error shape."""

import pytest

from tests.openapi import assert_documented, generate_schema

ACT_PATHS = {
    "/api/v1/acts/",
    "/api/v1/acts/{id}/",
    "/api/v1/acts/{id}/withdraw/",
    "/api/v1/acts/{id}/versions/",
    "/api/v1/acts/{id}/versions/{number}/",
    "/api/v1/acts/{id}/versions/{number}/publish/",
    "/api/v1/acts/{id}/versions/{number}/diff/",
    "/api/v1/acts/{id}/versions/{number}/provisions/",
    "/api/v1/acts/{id}/versions/{number}/provisions/{provision_id}/",
    "/api/v1/acts/{id}/versions/{number}/provisions/{provision_id}/split/",
    "/api/v1/acts/{id}/versions/{number}/provisions/{provision_id}/merge/",
    "/api/v1/topics/",
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    return generate_schema(tmp_path_factory.mktemp("openapi"))


def test_every_act_endpoint_has_a_summary_a_tag_and_documented_errors(schema):
    assert_documented(schema, ACT_PATHS, tag="acts")


def test_a_version_can_be_sent_as_json_or_as_a_file(schema):
    content = schema["paths"]["/api/v1/acts/{id}/versions/"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)
