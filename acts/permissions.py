"""Pure predicates: who may read and change legal acts and their versions. Deny by default.

Officials of the act's responsible department and administrators write acts; anyone reads
a published version; an unpublished version stays with its department. Each predicate
takes the request's viewer (``accounts.viewer.Viewer``), whose departments were read once for
the request; given a user, ``as_viewer`` finds the request's viewer or reads them.
"""

from __future__ import annotations

from typing import Any

from accounts import permissions as account_permissions
from accounts.models import Department
from accounts.viewer import as_viewer
from acts.models import ActVersion, LegalAct


def official_department_ids(viewer: Any) -> frozenset[int]:
    """The departments in which the viewer holds an active official's post."""
    return as_viewer(viewer).department_ids


def is_official_of(viewer: Any, department_id: int | None) -> bool:
    viewer = as_viewer(viewer)
    return department_id is not None and department_id in official_department_ids(viewer)


def sees_every_act(viewer: Any) -> bool:
    """Officials (of any department) and administrators list acts before publication."""
    viewer = as_viewer(viewer)
    return account_permissions.is_administrator(viewer) or bool(official_department_ids(viewer))


def can_create_act(viewer: Any, department: Department | None = None) -> bool:
    """Without a department: whether the viewer may create acts at all (to offer the page)."""
    viewer = as_viewer(viewer)
    if account_permissions.is_administrator(viewer):
        return True
    if department is None:
        return bool(official_department_ids(viewer))
    return is_official_of(viewer, department.pk)


def can_edit_act(viewer: Any, act: LegalAct) -> bool:
    viewer = as_viewer(viewer)
    return account_permissions.is_administrator(viewer) or is_official_of(viewer, act.department_id)


def can_view_version(viewer: Any, version: ActVersion) -> bool:
    viewer = as_viewer(viewer)
    return version.is_published or can_edit_act(viewer, version.act)


def can_edit_version(viewer: Any, version: ActVersion) -> bool:
    """Add, correct and publish: the act's editors. Whether the version is still a draft is
    the service's question (a published version is a conflict, not a lack of rights)."""
    viewer = as_viewer(viewer)
    return can_edit_act(viewer, version.act)
