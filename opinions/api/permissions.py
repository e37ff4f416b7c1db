"""DRF permission classes: thin wrappers over the predicates in ``opinions.permissions``.

Views load the object through a selector first (one the viewer cannot see is a 404), then
call ``check_object_permissions``: a visible object the viewer may not change is a 403 with
the class's message. Each asks about the request's viewer (``request_viewer``), so its
council seat is read once however many classes ask. Services check the same predicates
again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.viewer import request_viewer
from opinions import permissions
from opinions.models import Amendment, CouncilRequest, Position, PositionItem, Term, Vote


def _position_of(obj: Any) -> Position:
    if isinstance(obj, PositionItem):
        return obj.position
    if isinstance(obj, Vote):
        return obj.position
    return obj


class CanEditPosition(BasePermission):
    message = _("Only members of the council in its current term can change its positions.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_edit_position(request_viewer(request), _position_of(obj))


class CanWithdrawPosition(BasePermission):
    message = _("Only the drafter, the chair or the secretary can withdraw a draft.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_withdraw_position(request_viewer(request), obj)


class CanDecideAmendment(BasePermission):
    message = _("Only the position's drafter or the chair can decide on amendments.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return isinstance(obj, Amendment) and permissions.can_decide_amendment(
            request_viewer(request), obj
        )


class CanOpenVote(BasePermission):
    message = _("Only the chair or the secretary can open a vote.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_open_vote(request_viewer(request), obj)


class CanRecordMeeting(BasePermission):
    message = _("Only the secretary or the chair records a meeting's votes.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_record_meeting(request_viewer(request), obj)


class CanCloseVote(BasePermission):
    message = _("Only the secretary or the chair can close a vote.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return permissions.can_close_vote(request_viewer(request), obj)


class CanManageTerm(BasePermission):
    message = _("Only an administrator or an officer of the term can change it.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        term = obj if isinstance(obj, Term) else obj.term
        return permissions.can_manage_term(request_viewer(request), term)


class CanDecideRequest(BasePermission):
    message = _("Only the chair or the secretary decides on requests.")

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return isinstance(obj, CouncilRequest) and permissions.can_decide_request(
            request_viewer(request), obj
        )
