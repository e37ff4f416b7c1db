"""DRF permission classes: thin wrappers over the predicates in ``acts.permissions``.

Views load the object through a selector first (an act or version the viewer cannot see is
a 404), then call ``check_object_permissions``: a visible object the viewer may not change
is a 403 with the class's message.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from acts import permissions
from acts.models import ActVersion, LegalAct, Provision


class CanEditAct(BasePermission):
    message = _(
        "Only officials of the act's responsible department or an administrator can change it."
    )

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if isinstance(obj, Provision):  # a unit is corrected by who may edit its version
            return permissions.can_edit_version(request.user, obj.version)
        if isinstance(obj, ActVersion):
            return permissions.can_edit_version(request.user, obj)
        if isinstance(obj, LegalAct):
            return permissions.can_edit_act(request.user, obj)
        return False
