"""Every error under /api/ is JSON in the one shape, whatever raised it: a path that
matches no route, a body too large or nested too deep, a date out of range, a crash."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.parsers import MAX_JSON_DEPTH
from tests import factories

LITERAL_DATES = "dates out of range on purpose: none is compared with the clock"

pytestmark = pytest.mark.django_db

CONSULTATIONS = reverse("api-consultation-list")


def assert_json_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"message", "code", "extra"}
    assert body["code"] == code
    assert body["message"]
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/consultations/not-a-number/",
        "/api/v1/consultations/1/comments/x/",
        "/api/v1/no-such-endpoint/",
    ],
)
def test_an_api_path_that_matches_nothing_is_a_json_404(api_as, official, path):
    body = assert_json_error(api_as(official).get(path), 404, "not_found")

    assert "Nie znaleziono" in body["message"]


def test_a_page_that_does_not_exist_is_still_the_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_json_body_over_the_limit_is_a_json_413(api_as, official, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"title": "x" * 2000})

    response = api_as(official).generic("POST", CONSULTATIONS, body, "application/json")

    assert_json_error(response, 413, "request_too_large")


def test_a_form_body_over_the_limit_is_a_json_413(api_as, official, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = "title=" + "x" * 2000

    response = api_as(official).generic(
        "POST", CONSULTATIONS, body, "application/x-www-form-urlencoded"
    )

    assert_json_error(response, 413, "request_too_large")


def test_a_deeply_nested_json_body_is_a_400_not_a_crash(api_as, official):
    body = "[" * 2048 + "]" * 2048  # 4 KB

    response = api_as(official).generic("POST", CONSULTATIONS, body, "application/json")

    assert_json_error(response, 400, "parse_error")


@pytest.mark.parametrize(("depth", "status"), [(MAX_JSON_DEPTH, 400), (MAX_JSON_DEPTH + 1, 400)])
def test_nesting_is_refused_only_beyond_the_limit(api_as, official, depth, status):
    nested = {"title": "x"}
    for _level in range(depth - 1):
        nested = {"inner": nested}
    response = api_as(official).post(CONSULTATIONS, nested, format="json")

    body = response.json()
    assert response.status_code == status
    # At the limit the body is read (and refused as invalid input), beyond it not at all.
    assert body["code"] == ("invalid" if depth <= MAX_JSON_DEPTH else "parse_error")


@pytest.mark.parametrize("moment", ["0001-01-01", "0001-01-01T00:00:00", "9999-12-31"])
def test_a_start_far_out_of_range_is_a_400_naming_the_field(api_as, official, department, moment):
    version = factories.ActVersionFactory(act__department=department)
    response = api_as(official).post(
        CONSULTATIONS,
        {
            "act": version.act_id,
            "version": version.number,
            "title": "Konsultacje",
            "starts_at": moment,
            "ends_at": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        },
        format="json",
    )

    body = assert_json_error(response, 400, "invalid")
    assert body["extra"]["fields"]["starts_at"] == ["Podaj datę z lat 1900–2999."]


def test_a_server_error_under_the_api_is_a_json_500(official, monkeypatch):
    from core import api_views

    def crash(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(api_views.AuditEventListApi, "get_queryset", crash)
    client = Client(raise_request_exception=False)
    client.force_login(official)

    response = client.get(reverse("api-audit-event-list"))

    body = assert_json_error(response, 500, "server_error")
    assert "boom" not in body["message"]


def test_an_id_too_large_for_the_database_is_a_json_404(api_as, official):
    response = api_as(official).patch(
        "/api/v1/acts/270418180597032549583754887168/versions/1/", {}, format="json"
    )

    assert_json_error(response, 404, "not_found")


def test_a_page_past_the_last_is_a_documented_404(api_as, official):
    from tests.openapi import public_schema

    schema = public_schema()
    operation = schema["paths"]["/api/v1/consultations/"]["get"]

    response = api_as(official).get(CONSULTATIONS, {"page": 99})

    assert_json_error(response, 404, "not_found")
    assert {"401", "404"} <= set(operation["responses"])


def test_any_other_overflow_is_a_400_not_a_crash(official):
    from rest_framework.permissions import AllowAny
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    class OverflowingView(APIView):
        permission_classes = [AllowAny]

        def post(self, request):
            raise OverflowError("date value out of range")

    response = OverflowingView.as_view()(APIRequestFactory().post("/api/v1/x/", {}))

    assert response.status_code == 400
    assert response.data["code"] == "invalid"
