from django.urls import path

from . import views

urlpatterns = [
    path("logout/", views.sign_out, name="logout"),
    path("signin/login/", views.password_step, name="login"),
    path("signin/login/code/", views.verify_step, name="signin_verify"),
    path("signin/login/set-up/", views.enrol_step, name="signin_enrol"),
    path("signin/recovery-codes/", views.recovery_codes, name="signin_recovery_codes"),
    path("signin/recovery-codes/new/", views.new_codes, name="signin_new_codes"),
    path("signin/account/", views.account, name="signin_account"),
    path("signin/sign-out-everywhere/", views.sign_out_everywhere, name="signin_sign_out_everywhere"),
    path("signin/waits/", views.blocked_list, name="signin_blocked"),
    path("signin/waits/<int:pk>/lift/", views.unblock, name="signin_unblock"),
    path("signin/users/<int:pk>/reset-second-factor/", views.reset_second_factor, name="signin_reset_second_factor"),
]
