"""Reads of people, organisations and departments, with what each viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts import permissions
from accounts.models import (
    Department,
    Membership,
    MembershipRole,
    MembershipStatus,
    OfficialPost,
    Organisation,
    OrganisationStatus,
    User,
)


def organisation_list(*, viewer: Any) -> QuerySet[Organisation]:
    """Verified organisations for everyone; officials and administrators see all; a user
    also sees the unverified organisations they belong to."""
    queryset = Organisation.objects.prefetch_related("areas").annotate(
        member_count=Count(
            "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE), distinct=True
        )
    )
    if permissions.is_administrator(viewer) or permissions.is_official(viewer):
        return queryset
    visible = Q(status=OrganisationStatus.VERIFIED)
    if permissions.is_authenticated(viewer):
        visible |= Q(
            pk__in=Membership.objects.filter(
                user=viewer, status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED]
            ).values("organisation_id")
        )
    return queryset.filter(visible)


def organisation_get_for(*, viewer: Any, pk: Any) -> Organisation:
    """One organisation, or Http404 when it does not exist or the viewer may not see it."""
    try:
        return organisation_list(viewer=viewer).get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def membership_list_for_organisation(
    *, viewer: Any, organisation: Organisation
) -> QuerySet[Membership]:
    if not permissions.can_view_members(viewer, organisation):
        raise Http404
    queryset = Membership.objects.filter(organisation=organisation).select_related(
        "user", "organisation"
    )
    # Members see the live list; representatives, officials and admins see requests and history.
    if not (
        permissions.is_administrator(viewer)
        or permissions.is_official(viewer)
        or permissions.is_representative_of(viewer, organisation)
    ):
        queryset = queryset.filter(status=MembershipStatus.ACTIVE)
    return queryset.order_by("status", "-role", "user__full_name")


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "-created_at")
    )


def membership_get_for(*, viewer: Any, pk: Any) -> Membership:
    """A membership the viewer is party to (its member, the organisation's representative,
    an official or an administrator); otherwise Http404."""
    try:
        membership = Membership.objects.select_related("user", "organisation").get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if membership.user_id == getattr(viewer, "pk", None) or permissions.can_view_members(
        viewer, membership.organisation
    ):
        return membership
    raise Http404


def organisations_represented_by(*, user: Any) -> QuerySet[Organisation]:
    """Verified organisations the user may act for (submit, request)."""
    if not permissions.is_authenticated(user):
        return Organisation.objects.none()
    return Organisation.objects.verified().filter(
        memberships__user=user,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__role=MembershipRole.REPRESENTATIVE,
    )


def organisations_of_member(*, user: Any) -> QuerySet[Organisation]:
    """Verified organisations the user may draft for (any active membership)."""
    if not permissions.is_authenticated(user):
        return Organisation.objects.none()
    return Organisation.objects.verified().filter(
        memberships__user=user, memberships__status=MembershipStatus.ACTIVE
    )


def department_list() -> QuerySet[Department]:
    return Department.objects.select_related("authority")


def user_with_memberships(*, user: User) -> User:
    return User.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organisation").filter(
                status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED]
            ),
        ),
        Prefetch("official_posts", queryset=_active_posts()),
    ).get(pk=user.pk)


def _active_posts() -> QuerySet[OfficialPost]:
    return OfficialPost.objects.filter(is_active=True).select_related("department__authority")
