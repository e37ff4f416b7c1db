from django.urls import path

from consultations.views import answers, comments, editor, reading

app_name = "consultations"

COMMENT = "comments/<int:pk>/"

urlpatterns = [
    path("", reading.ConsultationListView.as_view(), name="list"),
    path("new/", editor.ConsultationCreateView.as_view(), name="create"),
    path("mine/", comments.MyCommentsView.as_view(), name="my_comments"),
    path("<int:pk>/", reading.ConsultationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", editor.ConsultationEditView.as_view(), name="edit"),
    path("<int:pk>/schedule/", editor.ConsultationScheduleView.as_view(), name="schedule"),
    path("<int:pk>/extend/", editor.ConsultationExtendView.as_view(), name="extend"),
    path("<int:pk>/cancel/", editor.ConsultationCancelView.as_view(), name="cancel"),
    path("<int:pk>/meetings/new/", editor.MeetingAddView.as_view(), name="meeting_add"),
    path("<int:pk>/comments/new/", comments.CommentCreateView.as_view(), name="comment_create"),
    path(
        "<int:pk>/comments/whole-act/",
        reading.ProvisionCommentsView.as_view(),
        name="whole_act_comments",
    ),
    path(
        "<int:pk>/provisions/<int:provision_pk>/comments/",
        reading.ProvisionCommentsView.as_view(),
        name="provision_comments",
    ),
    path("<int:pk>/answers/", answers.AnswerTableView.as_view(), name="answers"),
    path("<int:pk>/answers/bulk/", answers.AnswerBulkView.as_view(), name="answer_bulk"),
    path("<int:pk>/report/", reading.ConsultationReportView.as_view(), name="report"),
    path("<int:pk>/report/publish/", answers.PublishReportView.as_view(), name="publish_report"),
    path("<int:pk>/summary/", reading.ConsultationSummaryView.as_view(), name="summary"),
    path(f"{COMMENT}edit/", comments.CommentEditView.as_view(), name="comment_edit"),
    path(f"{COMMENT}versions/", comments.CommentVersionsView.as_view(), name="comment_versions"),
    path(f"{COMMENT}submit/", comments.CommentSubmitView.as_view(), name="comment_submit"),
    path(f"{COMMENT}receipt/", comments.CommentReceiptView.as_view(), name="comment_receipt"),
    path(f"{COMMENT}delete/", comments.CommentDeleteView.as_view(), name="comment_delete"),
    path(f"{COMMENT}withdraw/", comments.CommentWithdrawView.as_view(), name="comment_withdraw"),
    path(f"{COMMENT}hide/", comments.CommentHideView.as_view(), name="comment_hide"),
    path(f"{COMMENT}unhide/", comments.CommentUnhideView.as_view(), name="comment_unhide"),
    path(f"{COMMENT}answer/", answers.AnswerView.as_view(), name="answer"),
]
