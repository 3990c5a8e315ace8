from brobygger.matrix import ROLES, Page

everyone = frozenset(ROLES)

PAGES = [
    # The second step without a first step sends anyone back to the password step.
    Page("signin_verify", everyone),
    Page("signin_enrol", everyone),
    Page("signin_recovery_codes", everyone),
    Page("signin_new_codes", everyone, method="post"),
    Page("signin_account", everyone),
    Page("signin_sign_out_everywhere", everyone, method="post"),
    # Lifting a sign-in wait: coordinators (their projects' members) and administrators.
    Page("signin_blocked", frozenset({"coordinator", "administrator"})),
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
