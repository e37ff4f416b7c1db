"""What a viewer may see of a comment, decided once for the API and the pages.

A selector decides which comments a viewer sees at all (``comment_list_for``,
``comment_get_for``); ``comment_fields_visible_to`` decides which of a seen comment's
fields they read. ``CommentOutputSerializer`` renders the answer from it, and the
consultation pages' cards (``CommentEntry.fields``) show what it allows, so the two never
disagree. The rules themselves are the predicates of ``consultations.permissions``:

- the content (proposed wording, justification, attachments) of a hidden comment stays
  with its authors and the officials; everyone else reads that it was hidden, and why;
- the receipt (tracking number) is its authors' and the officials' until the report is
  published, which lists every number;
- the name of the person behind a comment (a resident's name, who drafted it) is its
  authors' and the officials';
- the city's answer is the officials' until the report is published, then everyone's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from consultations import permissions
from consultations.models import Comment


@dataclass(frozen=True)
class CommentFields:
    """Which fields of one comment the viewer may read."""

    content: bool
    tracking_number: bool
    author_name: bool
    answer: bool


def comment_fields_visible_to(viewer: Any, comment: Comment, *, now: dt.datetime) -> CommentFields:
    """The fields of ``comment`` (one the viewer may see) that ``viewer`` reads at ``now``.

    No query: the viewer's departments and memberships are read once per request, and the
    comment's consultation comes with it (``comment_list_for`` sets it on every row)."""
    return CommentFields(
        content=permissions.can_see_comment_text(viewer, comment),
        tracking_number=permissions.can_see_tracking_number(viewer, comment, now=now),
        author_name=permissions.can_see_author_name(viewer, comment),
        answer=permissions.can_see_answer(viewer, comment, now=now),
    )
