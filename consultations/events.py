"""What the consultations services record in the audit log (see ``core.events``)."""

from __future__ import annotations

from core.events import AuditVerb


class ConsultationVerb(AuditVerb):
    """Consultations, comments, answers and the council's submissions."""

    CONSULTATION_CREATED = "consultation.created"
    CONSULTATION_UPDATED = "consultation.updated"
    CONSULTATION_SCHEDULED = "consultation.scheduled"
    CONSULTATION_EXTENDED = "consultation.extended"
    CONSULTATION_CANCELLED = "consultation.cancelled"
    CONSULTATION_MEETING_ADDED = "consultation.meeting_added"
    CONSULTATION_ATTACHMENT_ADDED = "consultation.attachment_added"
    CONSULTATION_REPORT_PUBLISHED = "consultation.report_published"
    COMMENT_CREATED = "comment.created"
    COMMENT_UPDATED = "comment.updated"
    COMMENT_SUBMITTED = "comment.submitted"
    COMMENT_WITHDRAWN = "comment.withdrawn"
    COMMENT_DELETED = "comment.deleted"  # a draft, by its author or a representative
    COMMENT_HIDDEN = "comment.hidden"
    COMMENT_UNHIDDEN = "comment.unhidden"
    COMMENT_ATTACHMENT_ADDED = "comment.attachment_added"
    ANSWER_GIVEN = "answer.given"
    ANSWER_CHANGED = "answer.changed"
    COUNCIL_SUBMISSION_DELIVERED = "council_submission.delivered"
