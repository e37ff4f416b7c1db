"""Site-wide pages that gather several apps: the home page, "my work", the legal pages,
the health check and the favicon's old address."""

from http import HTTPStatus
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.viewer import request_viewer
from config.health import run_checks
from config.work import (
    act_work_url,
    answered_comment_url,
    consultation_work_url,
    draft_comment_url,
    my_work_for,
)
from consultations import selectors as consultation_selectors
from consultations.models import ConsultationPhase
from consultations.selectors.work import CLOSING_SOON_DAYS, OFFICIAL_PHASES
from core import selectors as core_selectors

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


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """What waits for the signed-in user, a section per role they hold (``config.work``);
    every item links where the work is done (the same addresses as the API's)."""
    work = my_work_for(viewer=request_viewer(request), now=timezone.now())
    context: dict[str, Any] = {"work": work, "closing_soon_days": CLOSING_SOON_DAYS}
    if work.official is not None:
        official = work.official
        context["phases"] = [
            {
                "phase": phase,
                "label": ConsultationPhase(phase).label,
                "rows": [(row, consultation_work_url(row)) for row in official.by_phase[phase]],
            }
            for phase in OFFICIAL_PHASES
        ]
        context["awaiting_answers"] = [
            (row, consultation_work_url(row)) for row in official.awaiting_answers
        ]
        context["unpublished_acts"] = [
            (act, act_work_url(act)) for act in official.unpublished_acts
        ]
    if work.organisation is not None:
        context["drafts"] = [
            (comment, draft_comment_url(comment)) for comment in work.organisation.drafts
        ]
        context["answers_received"] = [
            (comment, answered_comment_url(comment))
            for comment in work.organisation.answers_received
        ]
    return render(request, "my_work.html", context)


def legal_page(request: HttpRequest, kind: str) -> HttpResponse:
    """A legal statement (privacy notice, accessibility statement), public and read-only."""
    page = core_selectors.legal_page_get(kind=kind)
    return render(request, "legal_page.html", {"page": page})


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
