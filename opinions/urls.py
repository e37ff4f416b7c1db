from django.urls import path

from opinions import views

app_name = "council"

POSITION = "positions/<int:pk>/"
ITEM = f"{POSITION}items/<int:item_id>/"
VOTE = "votes/<int:pk>/"
AMENDMENT = "amendments/<int:pk>/"

urlpatterns = [
    path("", views.WorkspaceView.as_view(), name="workspace"),
    # Positions and their drafting
    path("positions/new/", views.PositionCreateView.as_view(), name="position_create"),
    path(POSITION, views.PositionDetailView.as_view(), name="position_detail"),
    path(f"{POSITION}edit/", views.PositionEditView.as_view(), name="position_edit"),
    path(f"{POSITION}withdraw/", views.PositionWithdrawView.as_view(), name="position_withdraw"),
    path(f"{POSITION}comments/", views.CommentPickerView.as_view(), name="comment_picker"),
    path(f"{POSITION}items/new/", views.ItemAddView.as_view(), name="item_add"),
    path(ITEM, views.ItemUpdateView.as_view(), name="item_update"),
    path(f"{ITEM}move/", views.ItemMoveView.as_view(), name="item_move"),
    path(f"{ITEM}delete/", views.ItemDeleteView.as_view(), name="item_delete"),
    path(f"{ITEM}notes/", views.NoteAddView.as_view(), name="note_add"),
    path(f"{ITEM}amend/", views.AmendmentProposeView.as_view(), name="amendment_propose"),
    path(f"{AMENDMENT}accept/", views.AmendmentAcceptView.as_view(), name="amendment_accept"),
    path(f"{AMENDMENT}reject/", views.AmendmentRejectView.as_view(), name="amendment_reject"),
    # Votes
    path(f"{POSITION}vote/", views.VoteOpenView.as_view(), name="vote_open"),
    path(VOTE, views.VoteDetailView.as_view(), name="vote_detail"),
    path(f"{VOTE}ballot/", views.BallotCastView.as_view(), name="ballot_cast"),
    path(f"{VOTE}recusal/", views.RecusalDeclareView.as_view(), name="recusal_declare"),
    path(f"{VOTE}attendance/", views.AttendanceRecordView.as_view(), name="attendance_record"),
    path(f"{VOTE}record/", views.BallotRecordView.as_view(), name="ballot_record"),
    path(f"{VOTE}close/", views.VoteCloseView.as_view(), name="vote_close"),
    # Requests from organisations
    path("requests/new/", views.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/accept/", views.RequestAcceptView.as_view(), name="request_accept"),
    path("requests/<int:pk>/decline/", views.RequestDeclineView.as_view(), name="request_decline"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        views.RequestAttachmentView.as_view(),
        name="request_attachment",
    ),
    # Public
    path("resolutions/", views.AdoptedListView.as_view(), name="adopted_list"),
    path("resolutions/<int:pk>/", views.ResolutionDetailView.as_view(), name="resolution_detail"),
    path("terms/<int:pk>/", views.TermDetailView.as_view(), name="term_detail"),
]
