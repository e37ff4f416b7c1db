"""Serializers of the consultations, comments, answers and report endpoints.

Input serializers check the shape of a request and resolve ids to objects the viewer may
see; services decide the rest (deadlines, who may act, transitions). Output serializers
render what the selectors loaded; what a viewer may see of a comment (its text, the
receipt, the names, the answer) is decided per row by ``consultations.presenters``, which
the pages use too.
"""

from __future__ import annotations

from consultations.api.serializers.comments import (
    AnswerInputSerializer,
    AnswerOutputSerializer,
    BulkAnswerInputSerializer,
    BulkAnswerOutputSerializer,
    CommentAttachmentOutputSerializer,
    CommentCreateInputSerializer,
    CommentOutputSerializer,
    CommentUpdateInputSerializer,
    CommentVersionOutputSerializer,
    OrganisationBriefOutputSerializer,
    ProvisionBriefOutputSerializer,
)
from consultations.api.serializers.consultations import (
    AttachmentInputSerializer,
    ConsultationActOutputSerializer,
    ConsultationAttachmentOutputSerializer,
    ConsultationDetailOutputSerializer,
    ConsultationExtendInputSerializer,
    ConsultationInputSerializer,
    ConsultationListOutputSerializer,
    ConsultationProvisionOutputSerializer,
    ExtensionOutputSerializer,
    MeetingInputSerializer,
    MeetingOutputSerializer,
    MomentField,
    ReasonInputSerializer,
)
from consultations.api.serializers.report import (
    DispositionCountOutputSerializer,
    OutcomeRowOutputSerializer,
    OutcomeSummaryOutputSerializer,
    ReportCommentOutputSerializer,
    ReportExtensionOutputSerializer,
    ReportMeetingOutputSerializer,
    ReportOutputSerializer,
)

__all__ = [
    "AnswerInputSerializer",
    "AnswerOutputSerializer",
    "AttachmentInputSerializer",
    "BulkAnswerInputSerializer",
    "BulkAnswerOutputSerializer",
    "CommentAttachmentOutputSerializer",
    "CommentCreateInputSerializer",
    "CommentOutputSerializer",
    "CommentUpdateInputSerializer",
    "CommentVersionOutputSerializer",
    "ConsultationActOutputSerializer",
    "ConsultationAttachmentOutputSerializer",
    "ConsultationDetailOutputSerializer",
    "ConsultationExtendInputSerializer",
    "ConsultationInputSerializer",
    "ConsultationListOutputSerializer",
    "ConsultationProvisionOutputSerializer",
    "DispositionCountOutputSerializer",
    "ExtensionOutputSerializer",
    "MeetingInputSerializer",
    "MeetingOutputSerializer",
    "MomentField",
    "OrganisationBriefOutputSerializer",
    "OutcomeRowOutputSerializer",
    "OutcomeSummaryOutputSerializer",
    "ProvisionBriefOutputSerializer",
    "ReasonInputSerializer",
    "ReportCommentOutputSerializer",
    "ReportExtensionOutputSerializer",
    "ReportMeetingOutputSerializer",
    "ReportOutputSerializer",
]
