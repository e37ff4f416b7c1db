"""Reading what a user follows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.exceptions import NotFound
from notifications import following
from notifications.follow_models import Follow
from notifications.following import Target


@dataclass(frozen=True)
class FollowEntry:
    follow: Follow
    kind_label: str
    target: Target


def follow_list_for(*, user: Any) -> list[FollowEntry]:
    """What ``user`` follows, each with its target's name and page: one query for the
    follows and one per kind among them. A target the user may no longer see (or that is
    gone) is left out; the follow stays, harmless, until they see it again."""
    follows = list(Follow.objects.filter(user=user).order_by("kind", "created_at", "pk"))
    by_kind: dict[str, list[Follow]] = defaultdict(list)
    for follow in follows:
        by_kind[follow.kind].append(follow)
    entries = []
    for kind_name, kind_follows in by_kind.items():
        kind = following.get(kind_name)
        if kind is None:
            continue
        targets = kind.targets(user, [follow.target_id for follow in kind_follows])
        entries += [
            FollowEntry(follow=follow, kind_label=str(kind.label), target=targets[follow.target_id])
            for follow in kind_follows
            if follow.target_id in targets
        ]
    return entries


def follow_entry_for(*, user: Any, follow: Follow) -> FollowEntry:
    """One follow of ``user`` with its target, as the list shows it."""
    kind = following.get(follow.kind)
    targets = kind.targets(user, [follow.target_id]) if kind is not None else {}
    if kind is None or follow.target_id not in targets:
        raise NotFound()
    return FollowEntry(follow=follow, kind_label=str(kind.label), target=targets[follow.target_id])


def follow_get_for(*, user: Any, pk: int) -> Follow:
    """One of ``user``'s follows; someone else's is not found, like a missing one."""
    follow = Follow.objects.filter(user=user, pk=pk).first()
    if follow is None:
        raise NotFound()
    return follow


def followed_by(*, user: Any) -> frozenset[tuple[str, int]]:
    """The (kind, id) pairs ``user`` follows, one query: what a page's buttons ask."""
    if user is None or not user.is_authenticated:
        return frozenset()
    return frozenset(Follow.objects.filter(user=user).values_list("kind", "target_id"))


def followed_for_request(request: Any) -> frozenset[tuple[str, int]]:
    """``followed_by`` for the request's user, read once per request (a page with many
    follow buttons asks once); a view that has read the follows already stores them with
    ``remember_followed``."""
    followed = getattr(request, "_followed_targets", None)
    if followed is None:
        followed = followed_by(user=getattr(request, "user", None))
        remember_followed(request, followed)
    return followed


def remember_followed(request: Any, pairs: Iterable[tuple[str, int]]) -> None:
    request._followed_targets = frozenset(pairs)
