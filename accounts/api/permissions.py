"""DRF permission classes: thin wrappers over the predicates in ``accounts.permissions``.

Views load the object through a selector first (so an object the viewer cannot see is a
404), then call ``check_object_permissions``: a visible object the viewer may not change
is a 403 with the class's message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts import permissions


class ObjectPredicate(BasePermission):
    """Allows an object when ``predicate(user, obj)`` holds; otherwise a 403 with
    ``message``. A subclass names its predicate and its message, nothing else."""

    predicate: Callable[[Any, Any], bool]

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return self.predicate(request.user, obj)


class CanEditOrganisation(ObjectPredicate):
    predicate = staticmethod(permissions.can_edit_organisation)
    message = _("Only the organisation's representatives or an administrator can change it.")


class CanDecideOrganisation(ObjectPredicate):
    predicate = staticmethod(permissions.can_decide_organisation)
    message = _(
        "Only an official or an administrator who is not a member of the organisation can "
        "verify or reject it."
    )


class CanDecideMembership(ObjectPredicate):
    predicate = staticmethod(permissions.can_decide_membership)
    message = _(
        "Only the organisation's representatives can decide on its members. Ask one of them."
    )


class CanRevokeMembership(ObjectPredicate):
    predicate = staticmethod(permissions.can_revoke_membership)
    message = _(
        "Only the member, the organisation's representatives or an administrator can end "
        "this membership."
    )


class CanReviewOrganisationChange(ObjectPredicate):
    predicate = staticmethod(permissions.can_review_organisation_change)
    message = _("Only an administrator can approve or reject a change of name or numbers.")


class CanDecideOrganisationClaim(ObjectPredicate):
    predicate = staticmethod(permissions.can_decide_organisation_claim)
    message = _("Only an administrator can decide on a claim.")
