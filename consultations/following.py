"""What can be followed because of consultations (``notifications.following``), registered
in ``ConsultationsConfig.ready``: a consultation, and a department or a topic (whose new
consultations are announced; their page is the consultation list filtered by them)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import selectors as account_selectors
from acts import selectors as act_selectors
from consultations import selectors
from notifications import following
from notifications.following import FollowKind, Target


def _list_url(**filters: Any) -> str:
    return f"{reverse('consultations:list')}?{urlencode(filters)}"


def consultation_targets(viewer: Any, ids: Collection[int]) -> dict[int, Target]:
    return {
        pk: Target(title=title, url=reverse("consultations:detail", args=[pk]))
        for pk, title in selectors.consultation_titles_for(viewer=viewer, ids=ids).items()
    }


def department_targets(viewer: Any, ids: Collection[int]) -> dict[int, Target]:
    departments = account_selectors.department_list().filter(pk__in=list(ids))
    return {
        department.pk: Target(
            title=f"{department.name} ({department.authority.name})",
            url=_list_url(department=department.pk),
        )
        for department in departments
    }


def department_choices() -> list[tuple[int, str]]:
    return [
        (department.pk, f"{department.name} ({department.authority.name})")
        for department in account_selectors.department_list()
    ]


def topic_targets(viewer: Any, ids: Collection[int]) -> dict[int, Target]:
    topics = act_selectors.topic_list().filter(pk__in=list(ids))
    return {topic.pk: Target(title=topic.name, url=_list_url(topic=topic.slug)) for topic in topics}


def topic_choices() -> list[tuple[int, str]]:
    return list(act_selectors.topic_list().values_list("pk", "name"))


def register() -> None:
    following.register(
        FollowKind(
            name=following.CONSULTATION,
            label=_("consultation"),
            targets=consultation_targets,
        )
    )
    following.register(
        FollowKind(
            name=following.DEPARTMENT,
            label=_("department"),
            targets=department_targets,
            choices=department_choices,
        )
    )
    following.register(
        FollowKind(
            name=following.TOPIC, label=_("topic"), targets=topic_targets, choices=topic_choices
        )
    )
