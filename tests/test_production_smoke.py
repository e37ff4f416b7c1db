"""bin/smoke_production.py walks a site's own links and reports what a persona would meet:
server errors, broken links, static files that do not load; never logout or the admin's
write pages. Here against a small site of its own (the real one is walked by .ci/run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import path

SCRIPT = Path(__file__).resolve().parents[1] / "bin" / "smoke_production.py"
_spec = importlib.util.spec_from_file_location("smoke_production", SCRIPT)
smoke = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["smoke_production"] = smoke
_spec.loader.exec_module(smoke)  # type: ignore[union-attr]


def _page(*links: str, assets: tuple[str, ...] = ()):
    def view(request: HttpRequest, **kwargs: object) -> HttpResponse:
        tags = "".join(f'<link rel="stylesheet" href="{asset}">' for asset in assets)
        anchors = "".join(f'<a href="{link}">{link}</a>' for link in links)
        return HttpResponse(f"<!DOCTYPE html><html><head>{tags}</head><body>{anchors}</body>")

    return view


def _broken(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise RuntimeError("a page that fails")


def _missing(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def _not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # The site's own 404 page needs the site's URLs; this small site answers plainly.
    return HttpResponseNotFound("not found")


def _stylesheet(request: HttpRequest) -> HttpResponse:
    return HttpResponse("body {}", content_type="text/css")


def _is_secure(request: HttpRequest) -> HttpResponse:
    return HttpResponse("yes" if request.is_secure() else "no", content_type="text/plain")


urlpatterns = [
    path(
        "",
        _page(
            "/ok/#section",
            "/broken/",
            "/missing/",
            "/accounts/logout/",
            "/admin/things/add/",
            "/admin/things/1/delete/",
            "https://elsewhere.example.org/",
            "mailto:someone@example.org",
            "/items/1/",
            "/items/2/",
            "/ok/?page=2",
            assets=("/assets/site.css", "/assets/gone.css"),
        ),
    ),
    path("ok/", _page("/", "/ok/")),
    path("items/<int:pk>/", _page("/")),
    path("broken/", _broken),
    path("missing/", _missing),
    path("accounts/logout/", _broken),
    path("admin/things/add/", _broken),
    path("admin/things/<int:pk>/delete/", _broken),
    path("assets/site.css", _stylesheet),
    path("secure/", _is_secure),
]

handler404 = _not_found

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db(transaction=True)]


def test_the_walk_reports_server_errors_broken_links_and_static_files_and_skips_writes(
    live_server,
):
    report = smoke.walk(live_server.url, "anonymous", None, "", 50, {})

    assert sorted(report.failures) == [
        "GET /broken/ -> 500 (linked from /)",
        "GET /missing/ -> 404 (linked from /)",
        "static /assets/gone.css -> 404 (named by /)",
    ]
    # /, /ok/, /broken/, /missing/, /items/1/, /items/2/, /ok/?page=2: nothing else.
    assert report.pages == 7
    assert report.assets == 2
    assert not report.bounded


def test_the_walk_stops_at_its_bound_and_says_so(live_server):
    report = smoke.walk(live_server.url, "anonymous", None, "", 3, {})

    assert report.pages == 3
    assert report.bounded


def test_requests_arrive_as_if_through_the_tls_proxy(live_server):
    response = smoke.Client(live_server.url).request("/secure/")

    assert response.body == b"yes"


@pytest.mark.parametrize(
    ("link", "walked"),
    [
        ("/consultations/1/", True),
        ("/accounts/logout/", False),
        ("/admin/logout/", False),
        ("/i18n/setlang/", False),
        ("/admin/accounts/user/", True),
        ("/admin/accounts/user/3/change/", True),
        ("/admin/accounts/user/add/", False),
        ("/admin/accounts/user/3/delete/", False),
    ],
)
def test_which_links_are_walked(link, walked):
    assert smoke.skipped(link) is not walked


def test_the_admin_list_memory_does_not_make_a_page_new():
    assert (
        smoke.without_list_memory("/admin/opinions/vote/2/change/?_changelist_filters=o%3D2")
        == "/admin/opinions/vote/2/change/"
    )
    assert smoke.without_list_memory("/consultations/?page=2") == "/consultations/?page=2"


def test_the_image_builds_its_assets_with_the_script_under_the_production_settings():
    root = SCRIPT.parents[1]
    dockerfile = (root / "Dockerfile").read_text()
    script = (root / "bin" / "build-assets").read_text()

    assert "RUN bin/build-assets" in dockerfile
    # Collected with DEBUG on, no manifest is written and every page is a 500.
    assert "collectstatic" not in dockerfile
    assert "DEBUG=1" not in dockerfile
    assert "export DJANGO_SETTINGS_MODULE=config.settings.base" in script
    assert "export DEBUG=0" in script
