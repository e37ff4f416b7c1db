"""The legal acts endpoints are documented: summary, tag and the shared error shape."""

import pytest
import yaml
from django.core.management import call_command

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
    path = tmp_path_factory.mktemp("openapi") / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def test_every_act_endpoint_has_a_summary_a_tag_and_documented_errors(schema):
    assert set(schema["paths"]) >= ACT_PATHS
    error = {"$ref": "#/components/schemas/Error"}
    for path in ACT_PATHS:
        for method, operation in schema["paths"][path].items():
            assert operation.get("summary"), (method, path)
            assert operation.get("tags") == ["acts"], (method, path)
            statuses = [int(status) for status in operation["responses"]]
            if method in {"post", "patch", "delete"}:
                assert any(status >= 400 for status in statuses), (method, path)
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert response["content"]["application/json"]["schema"] == error


def test_a_version_can_be_sent_as_json_or_as_a_file(schema):
    content = schema["paths"]["/api/v1/acts/{id}/versions/"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)
