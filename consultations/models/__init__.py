"""Models of the consultations app: consultations, comments, answers, council submissions."""

from consultations.models.consultation import (
    Answer,
    Audience,
    Comment,
    CommentAttachment,
    CommentStatus,
    CommentVersion,
    CommentVisibility,
    Consultation,
    ConsultationAction,
    ConsultationAttachment,
    ConsultationExtension,
    ConsultationPhase,
    ConsultationQuerySet,
    ConsultationStatus,
    Disposition,
    Meeting,
    MinimumDuration,
)
from consultations.models.council import CouncilSubmission

__all__ = [
    "Answer",
    "Audience",
    "Comment",
    "CommentAttachment",
    "CommentStatus",
    "CommentVersion",
    "CommentVisibility",
    "Consultation",
    "ConsultationAction",
    "ConsultationAttachment",
    "ConsultationExtension",
    "ConsultationPhase",
    "ConsultationQuerySet",
    "ConsultationStatus",
    "CouncilSubmission",
    "Disposition",
    "Meeting",
    "MinimumDuration",
]
