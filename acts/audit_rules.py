"""What readers of the audit log see of the events of legal acts, their versions and
provisions (``core.audit_visibility``): as far as the reader may see the act or the version
(an unpublished version stays with its department), by the predicates of their pages and API.
"""

from __future__ import annotations

from typing import Any

from acts import permissions
from acts.models import ActStatus, ActVersion, LegalAct
from core import audit_visibility
from core.audit_visibility import EVERYTHING, withhold_unless


def _may_see_act(reader: Any, act: LegalAct) -> bool:
    return act.status != ActStatus.DRAFT or permissions.sees_every_act(reader)


def register() -> None:
    audit_visibility.register(
        "legal_act",
        withhold_unless(model=LegalAct, rules=[(_may_see_act, EVERYTHING)]),
    )
    versions = withhold_unless(
        model=ActVersion, related=("act",), rules=[(permissions.can_view_version, EVERYTHING)]
    )
    # A provision's events are about its version (the target).
    audit_visibility.register("act_version", versions)
    audit_visibility.register("provision", versions)
