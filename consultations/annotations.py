"""An extension point for lines shown under comments on the consultation page.

Apps that depend on consultations (the council's ``opinions``) say something about a
comment without this app importing them: they register an annotator in their
``AppConfig.ready()``, and the page asks ``annotate_comments`` once for the comments it
shows. Each annotator is called once per page with every comment id, so the page's query
count does not grow with the number of comments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class CommentAnnotation:
    """One line under a comment: what to say and where it leads."""

    text: str
    url: str


class CommentAnnotator(Protocol):
    def __call__(
        self, *, viewer: Any, comment_ids: list[int]
    ) -> dict[int, list[CommentAnnotation]]: ...


_annotators: list[CommentAnnotator] = []


def register_comment_annotator(func: CommentAnnotator) -> CommentAnnotator:
    """Add ``func`` to the annotators (once, however often ``ready()`` runs); returns it,
    so it may be used as a decorator."""
    if func not in _annotators:
        _annotators.append(func)
    return func


def unregister_comment_annotator(func: CommentAnnotator) -> None:
    """Remove ``func`` (for tests)."""
    if func in _annotators:
        _annotators.remove(func)


def annotate_comments(
    *, viewer: Any, comment_ids: Iterable[int]
) -> dict[int, list[CommentAnnotation]]:
    """Every registered annotator's lines for these comments, by comment id, in the order
    the annotators were registered. No comments: no annotator is asked."""
    ids = list(comment_ids)
    merged: dict[int, list[CommentAnnotation]] = defaultdict(list)
    if not ids:
        return {}
    for annotator in list(_annotators):
        for comment_id, lines in annotator(viewer=viewer, comment_ids=ids).items():
            merged[comment_id].extend(lines)
    return dict(merged)
