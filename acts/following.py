"""Acts can be followed (``notifications.following``), registered in ``ActsConfig.ready``."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from acts import selectors
from notifications import following
from notifications.following import FollowKind, Target


def act_targets(viewer: Any, ids: Collection[int]) -> dict[int, Target]:
    """The acts among ``ids`` the viewer may see (``act_list``), one query."""
    rows = selectors.act_list(viewer=viewer).filter(pk__in=list(ids)).values_list("pk", "title")
    return {pk: Target(title=title, url=reverse("acts:detail", args=[pk])) for pk, title in rows}


def register() -> None:
    following.register(FollowKind(name=following.ACT, label=_("legal act"), targets=act_targets))
