from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(
            template_name="people/password_change.html", success_url="/account/"
        ),
        name="password_change",
    ),
    path("account/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("account/reset/sent/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "account/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/two-step/", views.two_factor_status, name="two_factor"),
    path("account/two-step/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-step/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("account/two-step/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("account/two-step/off/", views.two_factor_off, name="two_factor_off"),
]
