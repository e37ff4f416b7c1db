from django.urls import path

from opinions.api.views import amendments, positions, terms, votes, workspace
from opinions.api.views import requests as council_requests

P = "council/"

urlpatterns = [
    path(f"{P}workspace/", workspace.WorkspaceApi.as_view(), name="api-council-workspace"),
    path(f"{P}terms/", terms.TermListApi.as_view(), name="api-council-term-list"),
    path(f"{P}terms/<int:pk>/", terms.TermDetailApi.as_view(), name="api-council-term-detail"),
    path(
        f"{P}terms/<int:pk>/members/",
        terms.TermMemberListApi.as_view(),
        name="api-council-term-members",
    ),
    path(f"{P}members/<int:pk>/", terms.MemberDetailApi.as_view(), name="api-council-member"),
    path(f"{P}members/<int:pk>/end/", terms.MemberEndApi.as_view(), name="api-council-member-end"),
    path(f"{P}positions/", positions.PositionListApi.as_view(), name="api-council-position-list"),
    path(
        f"{P}positions/<int:pk>/",
        positions.PositionDetailApi.as_view(),
        name="api-council-position-detail",
    ),
    path(
        f"{P}positions/<int:pk>/withdraw/",
        positions.PositionWithdrawApi.as_view(),
        name="api-council-position-withdraw",
    ),
    path(
        f"{P}positions/<int:pk>/items/",
        positions.PositionItemListApi.as_view(),
        name="api-council-position-items",
    ),
    path(
        f"{P}positions/<int:pk>/items/from-comments/",
        positions.PositionItemsFromCommentsApi.as_view(),
        name="api-council-position-items-from-comments",
    ),
    path(
        f"{P}positions/<int:pk>/comments/",
        positions.PositionCommentPickerApi.as_view(),
        name="api-council-position-comments",
    ),
    path(
        f"{P}positions/<int:pk>/votes/",
        votes.PositionVoteOpenApi.as_view(),
        name="api-council-position-vote-open",
    ),
    path(f"{P}items/<int:pk>/", positions.ItemDetailApi.as_view(), name="api-council-item-detail"),
    path(f"{P}items/<int:pk>/move/", positions.ItemMoveApi.as_view(), name="api-council-item-move"),
    path(
        f"{P}items/<int:pk>/revisions/",
        positions.ItemRevisionListApi.as_view(),
        name="api-council-item-revisions",
    ),
    path(
        f"{P}items/<int:pk>/notes/",
        positions.ItemNoteListApi.as_view(),
        name="api-council-item-notes",
    ),
    path(
        f"{P}items/<int:pk>/amendments/",
        amendments.ItemAmendmentListApi.as_view(),
        name="api-council-item-amendments",
    ),
    path(
        f"{P}amendments/<int:pk>/",
        amendments.AmendmentDetailApi.as_view(),
        name="api-council-amendment-detail",
    ),
    path(
        f"{P}amendments/<int:pk>/accept/",
        amendments.AmendmentAcceptApi.as_view(),
        name="api-council-amendment-accept",
    ),
    path(
        f"{P}amendments/<int:pk>/reject/",
        amendments.AmendmentRejectApi.as_view(),
        name="api-council-amendment-reject",
    ),
    path(f"{P}votes/", votes.VoteListApi.as_view(), name="api-council-vote-list"),
    path(f"{P}votes/<int:pk>/", votes.VoteDetailApi.as_view(), name="api-council-vote-detail"),
    path(f"{P}votes/<int:pk>/ballot/", votes.VoteBallotApi.as_view(), name="api-council-ballot"),
    path(
        f"{P}votes/<int:pk>/attendance/",
        votes.VoteAttendanceApi.as_view(),
        name="api-council-attendance",
    ),
    path(
        f"{P}votes/<int:pk>/ballots/",
        votes.VoteBallotRecordApi.as_view(),
        name="api-council-ballot-record",
    ),
    path(
        f"{P}votes/<int:pk>/recusals/",
        votes.VoteRecusalApi.as_view(),
        name="api-council-recusal",
    ),
    path(f"{P}votes/<int:pk>/close/", votes.VoteCloseApi.as_view(), name="api-council-vote-close"),
    path(
        f"{P}requests/", council_requests.RequestListApi.as_view(), name="api-council-request-list"
    ),
    path(
        f"{P}requests/<int:pk>/",
        council_requests.RequestDetailApi.as_view(),
        name="api-council-request-detail",
    ),
    path(
        f"{P}requests/<int:pk>/accept/",
        council_requests.RequestAcceptApi.as_view(),
        name="api-council-request-accept",
    ),
    path(
        f"{P}requests/<int:pk>/decline/",
        council_requests.RequestDeclineApi.as_view(),
        name="api-council-request-decline",
    ),
]
