"""The sections consultations add to other apps' pages (``core.sections``), registered in
``ConsultationsConfig.ready``.

``act_consultations`` lists an act's consultations on the act's page (one query), so that
acts, its view and its templates, need not know about consultations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils import timezone

from acts import permissions as act_permissions
from acts.models import LegalAct
from consultations.selectors import pages as page_selectors
from core.sections import PageSection, register

ACT_SECTION_TEMPLATE = "consultations/includes/consultation_act_section.html"


def act_consultations(
    context: template.Context, act: LegalAct, current: Any = None
) -> dict[str, Any]:
    """The act's consultations the viewer may see, with their phases; for its officials, a
    link to start one on ``current`` (the newest published version)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    now = timezone.now()
    consultations = page_selectors.consultations_of_act(viewer=user, act=act)
    return {
        "act": act,
        "current": current,
        "now": now,
        "rows": [(consultation, consultation.phase_at(now)) for consultation in consultations],
        # ``current`` is a version of ``act``: ask about the act already loaded.
        "can_start": current is not None
        and current.is_published
        and act_permissions.can_edit_act(user, act),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


def render_act_consultations(context: template.Context, arguments: Mapping[str, Any]) -> str:
    """The "Consultations" section of an act's page (``arguments``: ``act``, ``current``)."""
    return get_template(ACT_SECTION_TEMPLATE).render(
        act_consultations(context, arguments["act"], arguments.get("current"))
    )


def register_sections() -> None:
    register(
        PageSection(
            slot="acts.act_detail",
            name="consultations",
            render=render_act_consultations,
            stylesheets=("css/consultations.css",),
        )
    )
