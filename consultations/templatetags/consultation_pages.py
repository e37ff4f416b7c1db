"""Template tags of the consultation pages, for pages whose views belong to others.

``act_consultations`` lists an act's consultations on the act's page (one query), so the
act's view need not know about consultations.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from acts import permissions as act_permissions
from acts.models import LegalAct
from consultations.selectors import pages as page_selectors

register = template.Library()


@register.inclusion_tag("consultations/includes/consultation_act_section.html", takes_context=True)
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
