"""DRF permission classes: thin wrappers over the predicates in ``consultations.permissions``.

Views load the object through a selector first (a consultation the viewer cannot see is
a 404), then call ``check_object_permissions``: a visible object the viewer may not change
is a 403 with the class's message.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from consultations import permissions
from consultations.models import Consultation


class CanManageConsultation(BasePermission):
    message = _(
        "Only officials of the act's responsible department or an administrator can run "
        "its consultation."
    )

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return isinstance(obj, Consultation) and permissions.can_manage_consultation(
            request.user, obj
        )
