from django.urls import path

from consultations import views

app_name = "consultations"

COMMENT = "comments/<int:pk>/"

urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="list"),
    path("new/", views.ConsultationCreateView.as_view(), name="create"),
    path("mine/", views.MyCommentsView.as_view(), name="my_comments"),
    path("<int:pk>/", views.ConsultationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ConsultationEditView.as_view(), name="edit"),
    path("<int:pk>/schedule/", views.ConsultationScheduleView.as_view(), name="schedule"),
    path("<int:pk>/extend/", views.ConsultationExtendView.as_view(), name="extend"),
    path("<int:pk>/cancel/", views.ConsultationCancelView.as_view(), name="cancel"),
    path("<int:pk>/meetings/new/", views.MeetingAddView.as_view(), name="meeting_add"),
    path("<int:pk>/comments/new/", views.CommentCreateView.as_view(), name="comment_create"),
    path(
        "<int:pk>/comments/whole-act/",
        views.ProvisionCommentsView.as_view(),
        name="whole_act_comments",
    ),
    path(
        "<int:pk>/provisions/<int:provision_pk>/comments/",
        views.ProvisionCommentsView.as_view(),
        name="provision_comments",
    ),
    path("<int:pk>/answers/", views.AnswerTableView.as_view(), name="answers"),
    path("<int:pk>/answers/bulk/", views.AnswerBulkView.as_view(), name="answer_bulk"),
    path("<int:pk>/report/", views.ConsultationReportView.as_view(), name="report"),
    path("<int:pk>/report/publish/", views.PublishReportView.as_view(), name="publish_report"),
    path("<int:pk>/summary/", views.ConsultationSummaryView.as_view(), name="summary"),
    path(f"{COMMENT}edit/", views.CommentEditView.as_view(), name="comment_edit"),
    path(f"{COMMENT}submit/", views.CommentSubmitView.as_view(), name="comment_submit"),
    path(f"{COMMENT}receipt/", views.CommentReceiptView.as_view(), name="comment_receipt"),
    path(f"{COMMENT}withdraw/", views.CommentWithdrawView.as_view(), name="comment_withdraw"),
    path(f"{COMMENT}hide/", views.CommentHideView.as_view(), name="comment_hide"),
    path(f"{COMMENT}unhide/", views.CommentUnhideView.as_view(), name="comment_unhide"),
    path(f"{COMMENT}answer/", views.AnswerView.as_view(), name="answer"),
]
