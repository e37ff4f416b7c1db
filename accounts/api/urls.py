from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenObtainApi.as_view(), name="api-token-obtain"),
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("me/token/", views.MeTokenApi.as_view(), name="api-me-token"),
    path("organisations/", views.OrganisationListApi.as_view(), name="api-organisation-list"),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailApi.as_view(),
        name="api-organisation-detail",
    ),
    path(
        "organisations/<int:pk>/verify/",
        views.OrganisationVerifyApi.as_view(),
        name="api-organisation-verify",
    ),
    path(
        "organisations/<int:pk>/reject/",
        views.OrganisationRejectApi.as_view(),
        name="api-organisation-reject",
    ),
    path(
        "organisations/<int:pk>/members/",
        views.OrganisationMemberListApi.as_view(),
        name="api-organisation-members",
    ),
    path("memberships/", views.MembershipListApi.as_view(), name="api-membership-list"),
    path(
        "memberships/<int:pk>/",
        views.MembershipDetailApi.as_view(),
        name="api-membership-detail",
    ),
    path(
        "memberships/<int:pk>/approve/",
        views.MembershipApproveApi.as_view(),
        name="api-membership-approve",
    ),
    path(
        "memberships/<int:pk>/decline/",
        views.MembershipDeclineApi.as_view(),
        name="api-membership-decline",
    ),
    path(
        "memberships/<int:pk>/revoke/",
        views.MembershipRevokeApi.as_view(),
        name="api-membership-revoke",
    ),
    path(
        "memberships/<int:pk>/role/",
        views.MembershipRoleApi.as_view(),
        name="api-membership-role",
    ),
    path("departments/", views.DepartmentListApi.as_view(), name="api-department-list"),
    path("activity-areas/", views.ActivityAreaListApi.as_view(), name="api-activity-area-list"),
]
