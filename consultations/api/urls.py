from django.urls import path

from consultations.api import views as consultation_api

CONSULTATION = "consultations/<int:pk>/"
COMMENT = "comments/<int:pk>/"

urlpatterns = [
    path(
        "consultations/",
        consultation_api.ConsultationListApi.as_view(),
        name="api-consultation-list",
    ),
    path(
        CONSULTATION,
        consultation_api.ConsultationDetailApi.as_view(),
        name="api-consultation-detail",
    ),
    path(
        f"{CONSULTATION}schedule/",
        consultation_api.ConsultationScheduleApi.as_view(),
        name="api-consultation-schedule",
    ),
    path(
        f"{CONSULTATION}extend/",
        consultation_api.ConsultationExtendApi.as_view(),
        name="api-consultation-extend",
    ),
    path(
        f"{CONSULTATION}cancel/",
        consultation_api.ConsultationCancelApi.as_view(),
        name="api-consultation-cancel",
    ),
    path(
        f"{CONSULTATION}meetings/",
        consultation_api.MeetingCreateApi.as_view(),
        name="api-consultation-meetings",
    ),
    path(
        f"{CONSULTATION}attachments/",
        consultation_api.ConsultationAttachmentCreateApi.as_view(),
        name="api-consultation-attachments",
    ),
    path(
        f"{CONSULTATION}provisions/",
        consultation_api.ConsultationProvisionListApi.as_view(),
        name="api-consultation-provisions",
    ),
    path(
        f"{CONSULTATION}comments/",
        consultation_api.CommentListApi.as_view(),
        name="api-consultation-comments",
    ),
    path(
        f"{CONSULTATION}answers/bulk/",
        consultation_api.AnswerBulkApi.as_view(),
        name="api-consultation-answers-bulk",
    ),
    path(
        f"{CONSULTATION}report/publish/",
        consultation_api.ReportPublishApi.as_view(),
        name="api-consultation-report-publish",
    ),
    path(
        f"{CONSULTATION}report.json",
        consultation_api.ReportJsonApi.as_view(),
        name="api-consultation-report-json",
    ),
    path(
        f"{CONSULTATION}report.csv",
        consultation_api.ReportCsvApi.as_view(),
        name="api-consultation-report-csv",
    ),
    path(
        f"{CONSULTATION}summary/",
        consultation_api.SummaryApi.as_view(),
        name="api-consultation-summary",
    ),
    # Comments
    path(COMMENT, consultation_api.CommentDetailApi.as_view(), name="api-comment-detail"),
    path(
        f"{COMMENT}submit/", consultation_api.CommentSubmitApi.as_view(), name="api-comment-submit"
    ),
    path(
        f"{COMMENT}withdraw/",
        consultation_api.CommentWithdrawApi.as_view(),
        name="api-comment-withdraw",
    ),
    path(f"{COMMENT}hide/", consultation_api.CommentHideApi.as_view(), name="api-comment-hide"),
    path(
        f"{COMMENT}unhide/", consultation_api.CommentUnhideApi.as_view(), name="api-comment-unhide"
    ),
    path(
        f"{COMMENT}answer/", consultation_api.CommentAnswerApi.as_view(), name="api-comment-answer"
    ),
    path(
        f"{COMMENT}attachments/",
        consultation_api.CommentAttachmentCreateApi.as_view(),
        name="api-comment-attachments",
    ),
]
