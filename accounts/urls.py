from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.views import login, passwords, profile, registration, two_factor

app_name = "accounts"

urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("login/code/", login.LoginCodeView.as_view(), name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", registration.RegisterView.as_view(), name="register"),
    path("register/done/", registration.RegisterDoneView.as_view(), name="register_done"),
    path(
        "verify/resend/",
        registration.VerifyEmailResendView.as_view(),
        name="verify_email_resend",
    ),
    path("verify/<uidb64>/<token>/", registration.VerifyEmailView.as_view(), name="verify_email"),
    path("password/reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/done/",
        passwords.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/complete/",
        passwords.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/change/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        passwords.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("profile/", profile.ProfileView.as_view(), name="profile"),
    path("profile/api-tokens/", profile.ApiTokenCreateView.as_view(), name="api_token_create"),
    path(
        "profile/api-tokens/<int:pk>/revoke/",
        profile.ApiTokenRevokeView.as_view(),
        name="api_token_revoke",
    ),
    path("profile/two-factor/", two_factor.TwoFactorView.as_view(), name="two_factor"),
    path(
        "profile/two-factor/setup/",
        two_factor.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "profile/two-factor/recovery-codes/",
        two_factor.RecoveryCodesRegenerateView.as_view(),
        name="recovery_codes_regenerate",
    ),
    path(
        "profile/two-factor/disable/",
        two_factor.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
]
