from django.urls import path

from consultations.api.views import comments, consultations, reports

CONSULTATION = "consultations/<int:pk>/"
COMMENT = "comments/<int:pk>/"

urlpatterns = [
    path(
        "consultations/",
        consultations.ConsultationListApi.as_view(),
        name="api-consultation-list",
    ),
    path(
        CONSULTATION,
        consultations.ConsultationDetailApi.as_view(),
        name="api-consultation-detail",
    ),
    path(
        f"{CONSULTATION}schedule/",
        consultations.ConsultationScheduleApi.as_view(),
        name="api-consultation-schedule",
    ),
    path(
        f"{CONSULTATION}extend/",
        consultations.ConsultationExtendApi.as_view(),
        name="api-consultation-extend",
    ),
    path(
        f"{CONSULTATION}cancel/",
        consultations.ConsultationCancelApi.as_view(),
        name="api-consultation-cancel",
    ),
    path(
        f"{CONSULTATION}meetings/",
        consultations.MeetingCreateApi.as_view(),
        name="api-consultation-meetings",
    ),
    path(
        f"{CONSULTATION}attachments/",
        consultations.ConsultationAttachmentCreateApi.as_view(),
        name="api-consultation-attachments",
    ),
    path(
        f"{CONSULTATION}provisions/",
        consultations.ConsultationProvisionListApi.as_view(),
        name="api-consultation-provisions",
    ),
    path(
        f"{CONSULTATION}comments/",
        comments.CommentListApi.as_view(),
        name="api-consultation-comments",
    ),
    path(
        f"{CONSULTATION}answers/bulk/",
        comments.AnswerBulkApi.as_view(),
        name="api-consultation-answers-bulk",
    ),
    path(
        f"{CONSULTATION}report/publish/",
        reports.ReportPublishApi.as_view(),
        name="api-consultation-report-publish",
    ),
    path(
        f"{CONSULTATION}report.json",
        reports.ReportJsonApi.as_view(),
        name="api-consultation-report-json",
    ),
    path(
        f"{CONSULTATION}report.csv",
        reports.ReportCsvApi.as_view(),
        name="api-consultation-report-csv",
    ),
    path(
        f"{CONSULTATION}summary/",
        reports.SummaryApi.as_view(),
        name="api-consultation-summary",
    ),
    # Comments
    path(COMMENT, comments.CommentDetailApi.as_view(), name="api-comment-detail"),
    path(
        f"{COMMENT}versions/",
        comments.CommentVersionListApi.as_view(),
        name="api-comment-versions",
    ),
    path(f"{COMMENT}submit/", comments.CommentSubmitApi.as_view(), name="api-comment-submit"),
    path(
        f"{COMMENT}withdraw/",
        comments.CommentWithdrawApi.as_view(),
        name="api-comment-withdraw",
    ),
    path(f"{COMMENT}hide/", comments.CommentHideApi.as_view(), name="api-comment-hide"),
    path(f"{COMMENT}unhide/", comments.CommentUnhideApi.as_view(), name="api-comment-unhide"),
    path(f"{COMMENT}answer/", comments.CommentAnswerApi.as_view(), name="api-comment-answer"),
    path(
        f"{COMMENT}attachments/",
        comments.CommentAttachmentCreateApi.as_view(),
        name="api-comment-attachments",
    ),
]
