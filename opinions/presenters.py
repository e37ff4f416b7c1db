"""What a viewer reads of a position's items.

An item pulled from NGO comments starts as a copy of their text (``comment_text``). When
an official later hides one of those comments (personal data, abuse), the copy must not
keep showing what the consultation no longer shows: while the position is not adopted,
an item whose text still contains a hidden comment's text is withheld from every viewer
who may not read that comment's text. Who may is the consultations' own rule
(``consultations.presenters.comment_fields_visible_to``: the comment's authors and the
officials running the consultation), so the council's pages and API never show more of a
comment than the consultation does. The members see why and write the item anew. An
adopted resolution is the council's signed text and stays as adopted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from consultations.models import Comment
from consultations.presenters import comment_fields_visible_to
from opinions.models import PositionItem, PositionStatus

ITEM_WITHHELD = gettext_lazy(
    "This item quotes a comment that the consultation's organiser has hidden, so its text "
    "is not shown. Write the item anew in the council's own words."
)


def comment_text(comment: Comment) -> str:
    """What an item pulled from a comment starts with: its proposed wording, or its
    justification when it proposes no wording."""
    return (comment.proposed_wording or "").strip() or (comment.justification or "").strip()


def item_text_visible_to(
    viewer: Any, item: PositionItem, *, status: str, now: dt.datetime | None = None
) -> bool:
    """Whether ``viewer`` reads the text of ``item`` of a position in ``status``. No query
    for an item whose sources are prefetched (``selectors.position_get_for``)."""
    if status == PositionStatus.ADOPTED:
        return True
    for source in item.sources.all():
        comment = source.comment
        if not comment.is_hidden:
            continue
        quoted = comment_text(comment)
        if quoted and quoted in item.text:
            fields = comment_fields_visible_to(viewer, comment, now=now or timezone.now())
            if not fields.content:
                return False
    return True


def withheld_item_ids(
    viewer: Any, items: Iterable[PositionItem], *, status: str, now: dt.datetime | None = None
) -> frozenset[int]:
    """The items of a position in ``status`` whose text ``viewer`` does not read."""
    now = now or timezone.now()
    return frozenset(
        item.pk for item in items if not item_text_visible_to(viewer, item, status=status, now=now)
    )
