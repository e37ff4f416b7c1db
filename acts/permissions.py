"""Pure predicates: who may read and change legal acts and their versions. Deny by default.

Officials of the act's responsible department and administrators write acts; anyone reads
a published version; an unpublished version stays with its department. The viewer's
departments are read once per user object (``accounts.selectors.user_affiliations_cached``).
"""

from __future__ import annotations

from typing import Any

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from accounts.models import Department
from acts.models import ActVersion, LegalAct


def official_department_ids(user: Any) -> frozenset[int]:
    """The departments in which the user holds an active official's post."""
    if not account_permissions.is_authenticated(user):
        return frozenset()
    return account_selectors.user_affiliations_cached(user=user).department_ids


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
