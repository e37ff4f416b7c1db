"""Following: who asked to hear about what, and the seam the domain apps call.

A signed-in user follows a target named by its kind and id (``("department", 3)``); an
address without an account subscribes to new consultations, all of them or those of some
topics or departments (double opt-in). This app imports no domain app: each domain app
registers the kinds it offers (``register(FollowKind(...))`` in its ``AppConfig.ready``),
saying how to name and link the targets a viewer may see.

The domain apps ask, when they record an event:

- ``followers_of(kind, target_id)``: the active users who follow that target;
- ``subscribers_for(topic_ids=..., department_ids=...)``: the confirmed subscriptions whose
  filters match (no filter matches everything), as ``Address`` recipients with their
  language and absolute one-click ``unsubscribe_url``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise

from notifications.recipients import Address

if TYPE_CHECKING:
    from accounts.models import User

# The kinds the domain apps register (by these names) and the filters a subscription takes.
DEPARTMENT = "department"
TOPIC = "topic"
CONSULTATION = "consultation"
ACT = "act"


@dataclass(frozen=True)
class Target:
    """What a follow's list shows of its target: its name and where its page is."""

    title: str
    url: str


@dataclass(frozen=True)
class FollowKind:
    """One kind of target.

    ``targets(viewer, ids)`` gives, in one query, the targets among ``ids`` that the viewer
    may see (a draft consultation is not followable by the public): a user may follow only
    those, and the list of what they follow names only those. ``choices()``, for the kinds
    a subscription filters by (topics, departments), lists every target as (id, name)."""

    name: str
    label: str | Promise
    targets: Callable[[Any, Collection[int]], dict[int, Target]]
    choices: Callable[[], list[tuple[int, str]]] | None = None


_kinds: dict[str, FollowKind] = {}


def register(kind: FollowKind) -> None:
    """Add (or replace, by its name) a kind of target."""
    _kinds[kind.name] = kind


def get(name: str) -> FollowKind | None:
    return _kinds.get(name)


def kinds() -> list[FollowKind]:
    return list(_kinds.values())


# --- The seam ---------------------------------------------------------------------------


def followers_of(kind: str, target_id: int) -> QuerySet[User]:
    """The active users who follow ``(kind, target_id)``, one query when evaluated."""
    users: QuerySet[User] = get_user_model()._default_manager.all()
    return users.filter(is_active=True, follows__kind=kind, follows__target_id=target_id).order_by(
        "pk"
    )


def subscribers_for(
    *, topic_ids: Iterable[int] = (), department_ids: Iterable[int] = ()
) -> list[Address]:
    """The confirmed subscriptions that want to hear of a new consultation on these topics
    in these departments: those without a filter and those with a matching one. One query,
    whatever their number; each ``Address`` carries the subscription's language and its
    absolute one-click unsubscribe URL."""
    from notifications.follow_models import Subscription, SubscriptionFilter
    from notifications.follow_tokens import unsubscribe_url_maker

    filters = SubscriptionFilter.objects.filter(subscription=OuterRef("pk"))
    wanted = filters.filter(
        Q(kind=TOPIC, target_id__in=list(topic_ids))
        | Q(kind=DEPARTMENT, target_id__in=list(department_ids))
    )
    rows = (
        Subscription.objects.confirmed()
        .filter(~Exists(filters) | Exists(wanted))
        .order_by("pk")
        .values_list("pk", "key", "email", "language")
    )
    unsubscribe_url = unsubscribe_url_maker()
    return [
        Address(email=email, language=language, unsubscribe_url=unsubscribe_url(pk, key))
        for pk, key, email, language in rows
    ]
