"""Pure predicates: who may read and change legal acts and their versions. Deny by default.

Officials of the act's responsible department and administrators write; anyone reads a
published version; an unpublished version stays with its department.
"""

from __future__ import annotations

from typing import Any

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from accounts.models import Department
from consultations.models import ActVersion, LegalAct

# The viewer's departments are asked for once per request object and kept on it.
_DEPARTMENTS_ATTRIBUTE = "_consultations_department_ids"


def official_department_ids(user: Any) -> frozenset[int]:
    """The departments in which the user holds an active official's post."""
    if not account_permissions.is_authenticated(user):
        return frozenset()
    cached = getattr(user, _DEPARTMENTS_ATTRIBUTE, None)
    if cached is None:
        cached = frozenset(
            account_selectors.official_post_list_for_user(user=user).values_list(
                "department_id", flat=True
            )
        )
        setattr(user, _DEPARTMENTS_ATTRIBUTE, cached)
    return cached


def is_official_of(user: Any, department_id: int | None) -> bool:
    return department_id is not None and department_id in official_department_ids(user)


def sees_every_act(user: Any) -> bool:
    """Officials (of any department) and administrators list acts before publication."""
    return account_permissions.is_administrator(user) or bool(official_department_ids(user))


def can_create_act(user: Any, department: Department | None = None) -> bool:
    """Without a department: whether the user may create acts at all (to offer the page)."""
    if account_permissions.is_administrator(user):
        return True
    if department is None:
        return bool(official_department_ids(user))
    return is_official_of(user, department.pk)


def can_edit_act(user: Any, act: LegalAct) -> bool:
    return account_permissions.is_administrator(user) or is_official_of(user, act.department_id)


def can_view_version(user: Any, version: ActVersion) -> bool:
    return version.is_published or can_edit_act(user, version.act)


def can_edit_version(user: Any, version: ActVersion) -> bool:
    """Add, correct and publish: the act's editors. Whether the version is still a draft is
    the service's question (a published version is a conflict, not a lack of rights)."""
    return can_edit_act(user, version.act)
