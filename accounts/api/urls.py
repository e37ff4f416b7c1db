from django.urls import path

from accounts.api.views import auth, identity, me, memberships, organisations, reference_data

urlpatterns = [
    path("auth/token/", auth.TokenObtainApi.as_view(), name="api-token-obtain"),
    path("me/", me.MeApi.as_view(), name="api-me"),
    path("me/tokens/", me.MeTokenListApi.as_view(), name="api-me-token-list"),
    path("me/tokens/<int:pk>/", me.MeTokenDetailApi.as_view(), name="api-me-token-detail"),
    path(
        "organisations/",
        organisations.OrganisationListApi.as_view(),
        name="api-organisation-list",
    ),
    path(
        "organisations/<int:pk>/",
        organisations.OrganisationDetailApi.as_view(),
        name="api-organisation-detail",
    ),
    path(
        "organisations/<int:pk>/verify/",
        organisations.OrganisationVerifyApi.as_view(),
        name="api-organisation-verify",
    ),
    path(
        "organisations/<int:pk>/reject/",
        organisations.OrganisationRejectApi.as_view(),
        name="api-organisation-reject",
    ),
    path(
        "organisation-changes/",
        identity.OrganisationChangeListApi.as_view(),
        name="api-organisation-change-list",
    ),
    path(
        "organisation-changes/<int:pk>/approve/",
        identity.OrganisationChangeApproveApi.as_view(),
        name="api-organisation-change-approve",
    ),
    path(
        "organisation-changes/<int:pk>/reject/",
        identity.OrganisationChangeRejectApi.as_view(),
        name="api-organisation-change-reject",
    ),
    path(
        "organisation-claims/",
        identity.OrganisationClaimListApi.as_view(),
        name="api-organisation-claim-list",
    ),
    path(
        "organisation-claims/<int:pk>/",
        identity.OrganisationClaimDetailApi.as_view(),
        name="api-organisation-claim-detail",
    ),
    path(
        "organisation-claims/<int:pk>/uphold/",
        identity.OrganisationClaimUpholdApi.as_view(),
        name="api-organisation-claim-uphold",
    ),
    path(
        "organisation-claims/<int:pk>/dismiss/",
        identity.OrganisationClaimDismissApi.as_view(),
        name="api-organisation-claim-dismiss",
    ),
    path(
        "organisations/<int:pk>/members/",
        memberships.OrganisationMemberListApi.as_view(),
        name="api-organisation-members",
    ),
    path("memberships/", memberships.MembershipListApi.as_view(), name="api-membership-list"),
    path(
        "memberships/<int:pk>/",
        memberships.MembershipDetailApi.as_view(),
        name="api-membership-detail",
    ),
    path(
        "memberships/<int:pk>/approve/",
        memberships.MembershipApproveApi.as_view(),
        name="api-membership-approve",
    ),
    path(
        "memberships/<int:pk>/decline/",
        memberships.MembershipDeclineApi.as_view(),
        name="api-membership-decline",
    ),
    path(
        "memberships/<int:pk>/revoke/",
        memberships.MembershipRevokeApi.as_view(),
        name="api-membership-revoke",
    ),
    path(
        "memberships/<int:pk>/role/",
        memberships.MembershipRoleApi.as_view(),
        name="api-membership-role",
    ),
    path(
        "departments/",
        reference_data.DepartmentListApi.as_view(),
        name="api-department-list",
    ),
    path(
        "activity-areas/",
        reference_data.ActivityAreaListApi.as_view(),
        name="api-activity-area-list",
    ),
]
