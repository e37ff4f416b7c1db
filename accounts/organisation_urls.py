from django.urls import path

from accounts.views import identity, memberships, organisations

app_name = "organisations"

urlpatterns = [
    path("", organisations.OrganisationListView.as_view(), name="list"),
    path("register/", organisations.OrganisationRegisterView.as_view(), name="register"),
    path("<int:pk>/", organisations.OrganisationDetailView.as_view(), name="detail"),
    path("changes/", identity.OrganisationChangeListView.as_view(), name="changes"),
    path(
        "changes/<int:pk>/approve/",
        identity.OrganisationChangeApproveView.as_view(),
        name="change_approve",
    ),
    path(
        "changes/<int:pk>/reject/",
        identity.OrganisationChangeRejectView.as_view(),
        name="change_reject",
    ),
    path("claims/", identity.OrganisationClaimListView.as_view(), name="claims"),
    path("claims/<int:pk>/", identity.OrganisationClaimDetailView.as_view(), name="claim_detail"),
    path(
        "claims/<int:pk>/uphold/",
        identity.OrganisationClaimUpholdView.as_view(),
        name="claim_uphold",
    ),
    path(
        "claims/<int:pk>/dismiss/",
        identity.OrganisationClaimDismissView.as_view(),
        name="claim_dismiss",
    ),
    path("<int:pk>/edit/", organisations.OrganisationEditView.as_view(), name="edit"),
    path("<int:pk>/members/", organisations.OrganisationMembersView.as_view(), name="members"),
    path("<int:pk>/join/", organisations.OrganisationJoinView.as_view(), name="join"),
    path("<int:pk>/verify/", organisations.OrganisationVerifyView.as_view(), name="verify"),
    path("<int:pk>/reject/", organisations.OrganisationRejectView.as_view(), name="reject"),
    path(
        "memberships/<int:pk>/approve/",
        memberships.MembershipApproveView.as_view(),
        name="membership_approve",
    ),
    path(
        "memberships/<int:pk>/decline/",
        memberships.MembershipDeclineView.as_view(),
        name="membership_decline",
    ),
    path(
        "memberships/<int:pk>/role/",
        memberships.MembershipSetRoleView.as_view(),
        name="membership_set_role",
    ),
    path(
        "memberships/<int:pk>/revoke/",
        memberships.MembershipRevokeView.as_view(),
        name="membership_revoke",
    ),
]
