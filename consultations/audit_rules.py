"""What readers of the audit log see of the events of consultations
(``core.audit_visibility``), by the predicates the objects' pages and API use.

- a comment's text and attachments' names: as far as the reader may see its content (a
  draft stays with its authors, a hidden one with them and the officials); its receipt
  number (also the comment's name in the log): as far as the reader may see the receipt;
- the city's answer: as far as the reader may see the answer (the officials running the
  consultation until the report is published);
- a consultation's events: as far as the reader may see the consultation (a draft stays
  with its department).
"""

from __future__ import annotations

from typing import Any

from consultations import permissions
from consultations.models import Comment, Consultation
from core import audit_visibility
from core.audit_visibility import ALL_DATA, EVERYTHING, TARGET_REPR, withhold_unless

_COMMENT_RELATED = ("consultation__version__act",)
# Keys of comment events that carry its content: its texts (comment.updated) and the
# name and type of an attachment (comment.attachment_added).
_COMMENT_CONTENT = frozenset({"proposed_wording", "justification", "name", "type"})


def _may_see_receipt(reader: Any, comment: Comment) -> bool:
    """A draft has no receipt: its name in the log is "draft comment <id>"."""
    return comment.tracking_number is None or permissions.can_see_tracking_number(reader, comment)


def _may_see_answer(reader: Any, comment: Comment) -> bool:
    return permissions.can_view_comment(reader, comment) and permissions.can_see_answer(
        reader, comment
    )


# --- Consultations, comments, answers ---------------------------------------------------


def register() -> None:
    audit_visibility.register(
        "consultation",
        withhold_unless(
            model=Consultation,
            related=("version__act",),
            rules=[(permissions.can_view_consultation, EVERYTHING)],
        ),
    )
    audit_visibility.register(
        "comment",
        withhold_unless(
            model=Comment,
            related=_COMMENT_RELATED,
            rules=[
                (permissions.can_see_comment_content, _COMMENT_CONTENT),
                (_may_see_receipt, {"tracking_number", TARGET_REPR}),
            ],
        ),
    )
    audit_visibility.register(
        "answer",
        withhold_unless(
            model=Comment,
            related=_COMMENT_RELATED,
            rules=[
                (_may_see_answer, {ALL_DATA}),
                (_may_see_receipt, {TARGET_REPR}),
            ],
        ),
    )
    # The council's submission is delivered when its opinion is adopted: public.
    audit_visibility.register_public("council_submission")
