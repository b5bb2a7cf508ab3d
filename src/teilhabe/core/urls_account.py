from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from teilhabe.core.throttling import ThrottledPasswordResetView

urlpatterns = [
    path("anmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("passwort/fertig/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Limited per address and per e-mail address (teilhabe.core.throttling); the login is limited by axes.
    path("passwort-vergessen/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("passwort-vergessen/gesendet/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("passwort-neu/fertig/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
