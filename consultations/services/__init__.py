"""Every change in the consultations app (acts change through ``acts.services``)."""

from consultations.services.answers import answer_give, answer_give_bulk
from consultations.services.comment_attachments import comment_attachment_add
from consultations.services.comment_checks import COMMENT_FIELDS, consultation_closed_error
from consultations.services.comment_moderation import comment_hide, comment_unhide
from consultations.services.comment_submission import (
    comment_delete,
    comment_submit,
    comment_withdraw,
)
from consultations.services.comments import comment_create, comment_update
from consultations.services.consultations import (
    CONSULTATION_FIELDS,
    DEFAULT_MINIMUM_DAYS,
    consultation_attachment_add,
    consultation_cancel,
    consultation_create,
    consultation_extend,
    consultation_schedule,
    consultation_update,
    earliest_end_date,
    meeting_add,
    minimum_duration,
    report_publish,
)
from consultations.services.council import SubmittedItem, council_submission_deliver

__all__ = [
    "COMMENT_FIELDS",
    "CONSULTATION_FIELDS",
    "DEFAULT_MINIMUM_DAYS",
    "SubmittedItem",
    "answer_give",
    "answer_give_bulk",
    "comment_attachment_add",
    "comment_create",
    "comment_delete",
    "comment_hide",
    "comment_submit",
    "comment_unhide",
    "comment_update",
    "comment_withdraw",
    "consultation_attachment_add",
    "consultation_cancel",
    "consultation_closed_error",
    "consultation_create",
    "consultation_extend",
    "consultation_schedule",
    "consultation_update",
    "council_submission_deliver",
    "earliest_end_date",
    "meeting_add",
    "minimum_duration",
    "report_publish",
]
