"""Reads of people, organisations and departments, with what each viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import permissions
from accounts.models import (
    ActivityArea,
    ApiToken,
    Department,
    Membership,
    MembershipRole,
    MembershipStatus,
    OfficialPost,
    Organisation,
    OrganisationChange,
    OrganisationClaim,
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


def organisation_detail_for(*, viewer: Any, pk: Any) -> Organisation:
    """``organisation_get_for`` with, for whoever may edit it, the change of name or
    numbers awaiting review (``pending_changes``: a list of at most one; one query more)."""
    organisation = organisation_get_for(viewer=viewer, pk=pk)
    pending: list[OrganisationChange] = []
    if permissions.can_edit_organisation(viewer, organisation):
        pending = list(OrganisationChange.objects.pending().filter(organisation=organisation))
    organisation.pending_changes = pending  # type: ignore[attr-defined]
    return organisation


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
        .select_related("organisation", "user")
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


# --- Page reads -------------------------------------------------------------------------


def organisation_search(*, viewer: Any, filters: dict[str, Any]) -> QuerySet[Organisation]:
    """The organisations the viewer may see (``organisation_list``), narrowed by the list
    page's filters: ``q`` (name, description or city), ``area`` (slug), ``legal_form``,
    ``city`` and ``status``. Empty values are ignored."""
    queryset = organisation_list(viewer=viewer)
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(description__icontains=text) | Q(city__icontains=text)
        )
    if area := filters.get("area"):
        queryset = queryset.filter(areas__slug=area)
    if legal_form := filters.get("legal_form"):
        queryset = queryset.filter(legal_form=legal_form)
    if city := (filters.get("city") or "").strip():
        queryset = queryset.filter(city__iexact=city)
    if status := filters.get("status"):
        queryset = queryset.filter(status=status)
    return queryset.order_by("name", "pk")


def activity_area_list() -> QuerySet[ActivityArea]:
    return ActivityArea.objects.order_by("name")


def membership_of(*, user: Any, organisation: Organisation) -> Membership | None:
    """The user's live (active or requested) membership of the organisation, if any."""
    if not permissions.is_authenticated(user):
        return None
    return Membership.objects.filter(
        user=user,
        organisation=organisation,
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED],
    ).first()


def official_post_list_for_user(*, user: User) -> QuerySet[OfficialPost]:
    return _active_posts().filter(user=user).order_by("department__name")


def api_token_list_for_user(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens that still work (neither revoked nor expired), newest first."""
    return (
        ApiToken.objects.filter(user=user).usable_at(timezone.now()).order_by("-created_at", "-id")
    )


def api_token_get_for(*, user: User, pk: int) -> ApiToken:
    """One of the user's tokens that still works; anyone else's, revoked or expired is the
    same 404."""
    token = api_token_list_for_user(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def user_get_by_uidb64(*, uidb64: str) -> User | None:
    """The user an e-mailed link names (base64 of the primary key), or None."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return User.objects.get(pk=pk)
    except (ValueError, TypeError, OverflowError, ValidationError, User.DoesNotExist):
        return None


@dataclass(frozen=True)
class LiveMembership:
    """A membership that is active or requested, with its organisation's status and name."""

    role: str
    status: str
    organisation_status: str
    organisation_name: str


@dataclass(frozen=True)
class UserAffiliations:
    """Where a user stands: the departments they work in as an official, and their live
    (active or requested) memberships; ``organisation_roles`` and ``organisation_names``
    are those of the verified organisations they are an active member of."""

    department_ids: frozenset[int]
    memberships: dict[int, LiveMembership]

    @cached_property
    def organisation_roles(self) -> dict[int, str]:
        return {
            organisation_id: membership.role
            for organisation_id, membership in self.memberships.items()
            if membership.status == MembershipStatus.ACTIVE
            and membership.organisation_status == OrganisationStatus.VERIFIED
        }

    @cached_property
    def organisation_names(self) -> dict[int, str]:
        return {
            organisation_id: self.memberships[organisation_id].organisation_name
            for organisation_id in self.organisation_roles
        }


_POST = "post"
_MEMBERSHIP = "membership"


def user_affiliations(*, user: User) -> UserAffiliations:
    """Both in one statement (a UNION ALL), since permission checks nearly always need both.

    Written as SQL (table and column names from the models): it runs on nearly every
    signed-in request, and compiling the ORM's union cost several times the query."""
    connection = connections[router.db_for_read(Membership)]
    quote = connection.ops.quote_name

    def column(model: type[Any], name: str) -> str:
        return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"

    posts, memberships = OfficialPost, Membership
    sql = (
        # Names quoted from the models; every value is a parameter.
        f"SELECT %s, {column(posts, 'department')}, %s, %s, %s, %s "  # noqa: S608
        f"FROM {quote(posts._meta.db_table)} "
        f"WHERE {column(posts, 'user')} = %s AND {column(posts, 'is_active')} = %s "
        "UNION ALL "
        f"SELECT %s, {column(memberships, 'organisation')}, {column(memberships, 'role')}, "
        f"{column(memberships, 'status')}, {column(Organisation, 'status')}, "
        f"{column(Organisation, 'name')} "
        f"FROM {quote(memberships._meta.db_table)} "
        f"JOIN {quote(Organisation._meta.db_table)} "
        f"ON {column(Organisation, 'id')} = {column(memberships, 'organisation')} "
        f"WHERE {column(memberships, 'user')} = %s AND {column(memberships, 'status')} IN (%s, %s)"
    )
    params: list[Any] = [
        _POST,
        "",
        "",
        "",
        "",
        user.pk,
        True,
        _MEMBERSHIP,
        user.pk,
        MembershipStatus.ACTIVE,
        MembershipStatus.REQUESTED,
    ]
    department_ids: set[int] = set()
    live: dict[int, LiveMembership] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, object_id, role, status, organisation_status, name in cursor.fetchall():
            if kind == _POST:
                department_ids.add(object_id)
            else:
                live[object_id] = LiveMembership(role, status, organisation_status, name)
    return UserAffiliations(frozenset(department_ids), live)


def two_factor_device(*, user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator (TOTP) device: two-factor login is on when there
    is one. One query."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()


def two_factor_enabled(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def recovery_codes_left(*, user: User) -> int:
    """How many unused recovery codes the user has. One query."""
    return StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()


# --- Who an organisation is: changes of name or numbers, claims -------------------------


def organisation_change_list(
    *, viewer: Any, status: str | None = None
) -> QuerySet[OrganisationChange]:
    """Changes of name or numbers: every one for administrators, those of the
    organisations they represent for representatives, none for anyone else; the
    newest first."""
    queryset = OrganisationChange.objects.select_related(
        "organisation", "requested_by", "reviewed_by"
    ).order_by("-created_at", "-id")
    if status:
        queryset = queryset.filter(status=status)
    if permissions.is_administrator(viewer):
        return queryset
    if not permissions.is_authenticated(viewer):
        return queryset.none()
    return queryset.filter(organisation__in=organisations_represented_by(user=viewer).values("pk"))


def organisation_change_get_for(*, viewer: Any, pk: Any) -> OrganisationChange:
    try:
        change = organisation_change_list(viewer=viewer).get(pk=pk)
    except (OrganisationChange.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return change


def organisation_pending_change(*, organisation: Organisation) -> OrganisationChange | None:
    """The change of name or numbers awaiting review, if any (at most one)."""
    return (
        OrganisationChange.objects.pending()
        .filter(organisation=organisation)
        .select_related("requested_by")
        .first()
    )


def organisation_claim_list(
    *, viewer: Any, status: str | None = None
) -> QuerySet[OrganisationClaim]:
    """Claims to numbers: every one for administrators, their own for claimants."""
    queryset = OrganisationClaim.objects.select_related(
        "organisation", "claimant", "reviewed_by", "registered_organisation"
    ).order_by("-created_at", "-id")
    if status:
        queryset = queryset.filter(status=status)
    if permissions.is_administrator(viewer):
        return queryset
    if not permissions.is_authenticated(viewer):
        return queryset.none()
    return queryset.filter(claimant_id=viewer.pk)


def organisation_claim_get_for(*, viewer: Any, pk: Any) -> OrganisationClaim:
    try:
        return organisation_claim_list(viewer=viewer).get(pk=pk)
    except (OrganisationClaim.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
