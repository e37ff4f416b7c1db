from django.urls import path

from opinions.api import views

P = "council/"

urlpatterns = [
    path(f"{P}workspace/", views.WorkspaceApi.as_view(), name="api-council-workspace"),
    path(f"{P}terms/", views.TermListApi.as_view(), name="api-council-term-list"),
    path(f"{P}terms/<int:pk>/", views.TermDetailApi.as_view(), name="api-council-term-detail"),
    path(
        f"{P}terms/<int:pk>/members/",
        views.TermMemberListApi.as_view(),
        name="api-council-term-members",
    ),
    path(f"{P}members/<int:pk>/", views.MemberDetailApi.as_view(), name="api-council-member"),
    path(f"{P}members/<int:pk>/end/", views.MemberEndApi.as_view(), name="api-council-member-end"),
    path(f"{P}positions/", views.PositionListApi.as_view(), name="api-council-position-list"),
    path(
        f"{P}positions/<int:pk>/",
        views.PositionDetailApi.as_view(),
        name="api-council-position-detail",
    ),
    path(
        f"{P}positions/<int:pk>/withdraw/",
        views.PositionWithdrawApi.as_view(),
        name="api-council-position-withdraw",
    ),
    path(
        f"{P}positions/<int:pk>/items/",
        views.PositionItemListApi.as_view(),
        name="api-council-position-items",
    ),
    path(
        f"{P}positions/<int:pk>/items/from-comments/",
        views.PositionItemsFromCommentsApi.as_view(),
        name="api-council-position-items-from-comments",
    ),
    path(
        f"{P}positions/<int:pk>/comments/",
        views.PositionCommentPickerApi.as_view(),
        name="api-council-position-comments",
    ),
    path(
        f"{P}positions/<int:pk>/votes/",
        views.PositionVoteOpenApi.as_view(),
        name="api-council-position-vote-open",
    ),
    path(f"{P}items/<int:pk>/", views.ItemDetailApi.as_view(), name="api-council-item-detail"),
    path(f"{P}items/<int:pk>/move/", views.ItemMoveApi.as_view(), name="api-council-item-move"),
    path(
        f"{P}items/<int:pk>/revisions/",
        views.ItemRevisionListApi.as_view(),
        name="api-council-item-revisions",
    ),
    path(
        f"{P}items/<int:pk>/notes/", views.ItemNoteListApi.as_view(), name="api-council-item-notes"
    ),
    path(
        f"{P}items/<int:pk>/amendments/",
        views.ItemAmendmentListApi.as_view(),
        name="api-council-item-amendments",
    ),
    path(
        f"{P}amendments/<int:pk>/",
        views.AmendmentDetailApi.as_view(),
        name="api-council-amendment-detail",
    ),
    path(
        f"{P}amendments/<int:pk>/accept/",
        views.AmendmentAcceptApi.as_view(),
        name="api-council-amendment-accept",
    ),
    path(
        f"{P}amendments/<int:pk>/reject/",
        views.AmendmentRejectApi.as_view(),
        name="api-council-amendment-reject",
    ),
    path(f"{P}votes/", views.VoteListApi.as_view(), name="api-council-vote-list"),
    path(f"{P}votes/<int:pk>/", views.VoteDetailApi.as_view(), name="api-council-vote-detail"),
    path(f"{P}votes/<int:pk>/ballot/", views.VoteBallotApi.as_view(), name="api-council-ballot"),
    path(
        f"{P}votes/<int:pk>/attendance/",
        views.VoteAttendanceApi.as_view(),
        name="api-council-attendance",
    ),
    path(
        f"{P}votes/<int:pk>/ballots/",
        views.VoteBallotRecordApi.as_view(),
        name="api-council-ballot-record",
    ),
    path(
        f"{P}votes/<int:pk>/recusals/",
        views.VoteRecusalApi.as_view(),
        name="api-council-recusal",
    ),
    path(f"{P}votes/<int:pk>/close/", views.VoteCloseApi.as_view(), name="api-council-vote-close"),
    path(f"{P}requests/", views.RequestListApi.as_view(), name="api-council-request-list"),
    path(
        f"{P}requests/<int:pk>/",
        views.RequestDetailApi.as_view(),
        name="api-council-request-detail",
    ),
    path(
        f"{P}requests/<int:pk>/accept/",
        views.RequestAcceptApi.as_view(),
        name="api-council-request-accept",
    ),
    path(
        f"{P}requests/<int:pk>/decline/",
        views.RequestDeclineApi.as_view(),
        name="api-council-request-decline",
    ),
]
