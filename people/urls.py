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
]
