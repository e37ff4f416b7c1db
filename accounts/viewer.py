"""Who is asking: the viewer of one request, read once and passed to the permission
predicates.

A ``Viewer`` holds the user and where they stand: the departments they work in as an
official and their live memberships (``accounts.selectors.user_affiliations``, one SQL
statement, read when a predicate first needs them). ``ViewerMiddleware`` gives every
request one, built on first use (``request_viewer(request)``, or
``as_viewer(request.user)``), so a page or an endpoint asking about a hundred comments
reads the viewer's affiliations once. Nothing is kept on the user object, and nothing
needs to be forgotten: the viewer lives as long as its request.

Predicates take the viewer (``as_viewer`` turns a user into one: the request's own when
the user is the request's user, otherwise a new one). Other apps keep what they read
about the viewer for the rest of the request with ``Viewer.remember`` (the council's
seats, for instance), without ``accounts`` knowing about them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from django.http import HttpRequest, HttpResponse

from accounts.models import MembershipRole, MembershipStatus, OrganisationStatus
from accounts.selectors import LiveMembership, UserAffiliations, user_affiliations

if TYPE_CHECKING:
    from rest_framework.request import Request

T = TypeVar("T")

_NO_AFFILIATIONS = UserAffiliations(frozenset(), {})


@dataclass(frozen=True, eq=False)
class Viewer:
    """The user of one request (or of one task) and their affiliations, read once, when
    first asked for."""

    user: Any
    # What other apps read about the viewer, for the rest of the request (``remember``).
    _remembered: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def affiliations(self) -> UserAffiliations:
        """Official posts and live memberships: one SQL statement for a signed-in user,
        none for the public, read on first use (a page asking only about a council seat,
        or only whether the viewer is an administrator, does not pay for them)."""
        if not self.is_authenticated:
            return _NO_AFFILIATIONS
        return user_affiliations(user=self.user)

    @property
    def is_authenticated(self) -> bool:
        user = self.user
        return bool(user is not None and user.is_authenticated and user.is_active)

    @property
    def pk(self) -> Any:
        return self.user.pk if self.is_authenticated else None

    @property
    def is_administrator(self) -> bool:
        return self.is_authenticated and bool(self.user.is_staff)

    @property
    def is_official(self) -> bool:
        """An active official's post in some department (``User.is_official``, read with
        the affiliations)."""
        return self.is_authenticated and bool(self.affiliations.department_ids)

    @property
    def department_ids(self) -> frozenset[int]:
        """The departments in which the viewer holds an active official's post."""
        return self.affiliations.department_ids

    @property
    def organisation_roles(self) -> dict[int, str]:
        """The verified organisations the viewer is an active member of, with the role."""
        return self.affiliations.organisation_roles

    @property
    def organisation_names(self) -> dict[int, str]:
        return self.affiliations.organisation_names

    def membership(self, organisation_id: int) -> LiveMembership | None:
        """The viewer's active or requested membership of the organisation, if any."""
        return self.affiliations.memberships.get(organisation_id)

    def is_member_of(self, organisation_id: int) -> bool:
        """An active membership (representatives included), whatever the organisation's
        status."""
        membership = self.membership(organisation_id)
        return membership is not None and membership.status == MembershipStatus.ACTIVE

    def is_representative_of(self, organisation_id: int) -> bool:
        membership = self.membership(organisation_id)
        return (
            membership is not None
            and membership.status == MembershipStatus.ACTIVE
            and membership.role == MembershipRole.REPRESENTATIVE
        )

    def acts_for_verified(self, organisation_id: int) -> bool:
        membership = self.membership(organisation_id)
        return (
            self.is_representative_of(organisation_id)
            and membership is not None
            and membership.organisation_status == OrganisationStatus.VERIFIED
        )

    def remember(self, key: Hashable, load: Callable[[], T]) -> T:
        """``load()``, asked once per viewer: what another app reads about the viewer (a
        council seat) is kept for the rest of the request."""
        if key not in self._remembered:
            self._remembered[key] = load()
        return self._remembered[key]


def viewer_for(user: Any) -> Viewer:
    """A new viewer for ``user``; its affiliations are read when first asked for (one SQL
    statement for a signed-in user, none for the public)."""
    return Viewer(user=user)


class _RequestViewer:
    """The viewer of the current request, built on first use from ``request.user`` (which
    DRF sets only when it authenticates, inside the view)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.viewer: Viewer | None = None

    def of(self, user: Any) -> Viewer | None:
        """The request's viewer when ``user`` is the request's user; otherwise None."""
        if user is not getattr(self.request, "user", None):
            return None
        if self.viewer is None or self.viewer.user is not user:
            self.viewer = viewer_for(user)
        return self.viewer


_current: ContextVar[_RequestViewer | None] = ContextVar("current_viewer", default=None)


def as_viewer(subject: Any) -> Viewer:
    """``subject`` as a viewer: a viewer as it is; the request's user as the request's
    viewer; any other user (or None) as a new viewer."""
    if isinstance(subject, Viewer):
        return subject
    current = _current.get()
    if current is not None:
        viewer = current.of(subject)
        if viewer is not None:
            return viewer
    return viewer_for(subject)


def request_viewer(request: HttpRequest | Request) -> Viewer:
    """The viewer of ``request`` (a Django or a DRF request): the same object every time
    the request asks."""
    return as_viewer(request.user)


@contextmanager
def viewer_scope(request: HttpRequest) -> Iterator[None]:
    """Within the block, ``as_viewer(request.user)`` is the request's one viewer."""
    token = _current.set(_RequestViewer(request))
    try:
        yield
    finally:
        _current.reset(token)


class ViewerMiddleware:
    """Gives every request its viewer (``request_viewer``), built on first use."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with viewer_scope(request):
            return self.get_response(request)
