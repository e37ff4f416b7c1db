from django.urls import path

from opinions.views import amendments, comments, positions, public, votes, workspace
from opinions.views import requests as council_requests

app_name = "council"

POSITION = "positions/<int:pk>/"
ITEM = f"{POSITION}items/<int:item_id>/"
VOTE = "votes/<int:pk>/"
AMENDMENT = "amendments/<int:pk>/"

urlpatterns = [
    path("", workspace.WorkspaceView.as_view(), name="workspace"),
    # Positions and their drafting
    path("positions/new/", positions.PositionCreateView.as_view(), name="position_create"),
    path(POSITION, positions.PositionDetailView.as_view(), name="position_detail"),
    path(f"{POSITION}edit/", positions.PositionEditView.as_view(), name="position_edit"),
    path(
        f"{POSITION}withdraw/", positions.PositionWithdrawView.as_view(), name="position_withdraw"
    ),
    path(f"{POSITION}delete/", positions.PositionDeleteView.as_view(), name="position_delete"),
    path(f"{POSITION}comments/", comments.CommentPickerView.as_view(), name="comment_picker"),
    path(f"{POSITION}items/new/", positions.ItemAddView.as_view(), name="item_add"),
    path(ITEM, positions.ItemUpdateView.as_view(), name="item_update"),
    path(f"{ITEM}move/", positions.ItemMoveView.as_view(), name="item_move"),
    path(f"{ITEM}delete/", positions.ItemDeleteView.as_view(), name="item_delete"),
    path(f"{ITEM}notes/", positions.NoteAddView.as_view(), name="note_add"),
    path(f"{ITEM}amend/", amendments.AmendmentProposeView.as_view(), name="amendment_propose"),
    path(f"{AMENDMENT}accept/", amendments.AmendmentAcceptView.as_view(), name="amendment_accept"),
    path(f"{AMENDMENT}reject/", amendments.AmendmentRejectView.as_view(), name="amendment_reject"),
    # Votes
    path(f"{POSITION}vote/", votes.VoteOpenView.as_view(), name="vote_open"),
    path(VOTE, votes.VoteDetailView.as_view(), name="vote_detail"),
    path(f"{VOTE}ballot/", votes.BallotCastView.as_view(), name="ballot_cast"),
    path(f"{VOTE}recusal/", votes.RecusalDeclareView.as_view(), name="recusal_declare"),
    path(f"{VOTE}attendance/", votes.AttendanceRecordView.as_view(), name="attendance_record"),
    path(f"{VOTE}record/", votes.BallotRecordView.as_view(), name="ballot_record"),
    path(f"{VOTE}close/", votes.VoteCloseView.as_view(), name="vote_close"),
    # Requests from organisations
    path("requests/new/", council_requests.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", council_requests.RequestDetailView.as_view(), name="request_detail"),
    path(
        "requests/<int:pk>/accept/",
        council_requests.RequestAcceptView.as_view(),
        name="request_accept",
    ),
    path(
        "requests/<int:pk>/decline/",
        council_requests.RequestDeclineView.as_view(),
        name="request_decline",
    ),
    # Public
    path("resolutions/", public.AdoptedListView.as_view(), name="adopted_list"),
    path("resolutions/<int:pk>/", public.ResolutionDetailView.as_view(), name="resolution_detail"),
    path("terms/<int:pk>/", public.TermDetailView.as_view(), name="term_detail"),
]
