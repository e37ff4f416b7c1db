"""DRF permission classes: thin wrappers over the predicates in ``accounts.permissions``.

Views load the object through a selector first (so an object the viewer cannot see is a
404), then call ``check_object_permissions``: a visible object the viewer may not change
is a 403 with the class's message.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts import permissions


class CanEditOrganisation(BasePermission):
    message = _("Only the organisation's representatives or an administrator can change it.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_edit_organisation(request.user, obj)


class CanDecideOrganisation(BasePermission):
    message = _(
        "Only an official or an administrator who is not a member of the organisation can "
        "verify or reject it."
    )

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_decide_organisation(request.user, obj)


class CanDecideMembership(BasePermission):
    message = _(
        "Only the organisation's representatives can decide on its members. Ask one of them."
    )

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_decide_membership(request.user, obj)


class CanRevokeMembership(BasePermission):
    message = _(
        "Only the member, the organisation's representatives or an administrator can end "
        "this membership."
    )

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_revoke_membership(request.user, obj)
