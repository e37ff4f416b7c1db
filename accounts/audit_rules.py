"""What readers of the audit log see of the events of accounts (``core.audit_visibility``).

Users, organisations and memberships: their events carry no more than the officials and
administrators who read the log see on the objects' own pages (the organisations'
register, their members and roles), so nothing is withheld.
"""

from __future__ import annotations

from core import audit_visibility


def register() -> None:
    audit_visibility.register_public("user", "organisation", "membership")
