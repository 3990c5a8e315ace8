from django.urls import reverse

from brobygger.matrix import ROLES, Page

everyone = frozenset(ROLES)
to_login = lambda w: reverse("login")  # noqa: E731

PAGES = [
    # The second step without a first step sends anyone back to the password step (a signed-in
    # session has no first step waiting).
    Page("signin_verify", everyone, redirect=to_login),
    Page("signin_enrol", everyone, redirect=to_login),
    # The new codes are shown once, right after they are made; later the page sends one to the account.
    Page("signin_recovery_codes", everyone, redirect=lambda w: reverse("signin_account")),
    Page("signin_new_codes", everyone, method="post", redirect=lambda w: reverse("signin_recovery_codes")),
    Page("signin_account", everyone),
    Page("signin_sign_out_everywhere", everyone, method="post", redirect=to_login),
    # Lifting a sign-in wait: coordinators (their projects' members) and administrators.
    Page("signin_blocked", frozenset({"coordinator", "administrator", "coordinator_aarhus"})),
    Page("signin_unblock", frozenset({"coordinator", "administrator"}), method="post",
         kwargs=lambda w: {"pk": w.signin_wait.pk}),
    Page("signin_reset_second_factor", frozenset({"administrator"}),
         kwargs=lambda w: {"pk": w.users["caseworker_a"].pk}),
]


def extend_world(w):
    from datetime import timedelta

    from django.utils import timezone

    from .models import SignInThrottle

    w.signin_wait = SignInThrottle.objects.create(
        user=w.users["caseworker_b"], ip="10.9.9.9", failures=6, last_failure_at=timezone.now(),
        blocked_until=timezone.now() + timedelta(minutes=2))
