from django.urls import path

from accounts import views

app_name = "organisations"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    path("register/", views.OrganisationRegisterView.as_view(), name="register"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrganisationEditView.as_view(), name="edit"),
    path("<int:pk>/members/", views.OrganisationMembersView.as_view(), name="members"),
    path("<int:pk>/join/", views.OrganisationJoinView.as_view(), name="join"),
    path("<int:pk>/verify/", views.OrganisationVerifyView.as_view(), name="verify"),
    path("<int:pk>/reject/", views.OrganisationRejectView.as_view(), name="reject"),
    path(
        "memberships/<int:pk>/approve/",
        views.MembershipApproveView.as_view(),
        name="membership_approve",
    ),
    path(
        "memberships/<int:pk>/decline/",
        views.MembershipDeclineView.as_view(),
        name="membership_decline",
    ),
    path(
        "memberships/<int:pk>/role/",
        views.MembershipSetRoleView.as_view(),
        name="membership_set_role",
    ),
    path(
        "memberships/<int:pk>/revoke/",
        views.MembershipRevokeView.as_view(),
        name="membership_revoke",
    ),
]
