"""Site-wide pages that gather several apps: the home page, the health check and the
favicon's old address."""

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from config.health import run_checks
from consultations import selectors as consultation_selectors

# How many open consultations the home page lists before linking to the rest.
HOME_CONSULTATIONS = 5
# The site's icon, linked from every page and served at /favicon.ico.
FAVICON = "img/favicon.svg"


def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    context = {
        "open_consultations": list(
            consultation_selectors.consultations_open(now=now)[:HOME_CONSULTATIONS]
        ),
        "closing_soon": list(consultation_selectors.consultations_closing_soon(now=now)),
    }
    return render(request, "home.html", context)


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 when every part a page needs works, else 503 naming the parts that failed."""
    checks = run_checks()
    failed = [name for name, result in checks.items() if result["status"] == "failed"]
    if failed:
        return JsonResponse(
            {"status": "failed", "failed": failed, "checks": checks},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
        )
    return JsonResponse({"status": "ok", "checks": checks})


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on their own: send them to the site's icon (its
    hashed name under the manifest storage, so it is cached for good)."""
    return HttpResponseRedirect(static(FAVICON))
