"""Slowing down guessing: per account (or unknown user name) AND address, with growing waits.

Five failures are free; then each failure makes that account wait from that address for a
minute, two, four, ... up to SIGNIN_LONGEST_DELAY_SECONDS. A stranger therefore cannot lock a
colleague out (another address is not affected), nor an office's shared address lock out
everyone behind it (other accounts are not affected). While a wait lasts, the password is not
checked and nothing is counted. A success forgets the failures; failures older than a day are
forgotten anyway. Coordinators (for their project's members) and administrators lift a wait with
a reason that goes into the access log.

What is kept is never the typed user name: an account by its id, an unknown name by a keyed hash.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from audit import log
from brobygger.access import coordinated_projects
from brobygger.client import client_ip

from .models import SignInThrottle

FORGET_AFTER = timedelta(days=1)


def free_failures() -> int:
    return getattr(settings, "SIGNIN_FREE_FAILURES", 5)


def name_hash(username: str) -> str:
    """A keyed hash of a typed user name (the secret key is the key), so an unknown name is never kept."""
    normalised = " ".join(str(username or "").casefold().split())
    return salted_hmac("signin.lockout.unknown-name", normalised, algorithm="sha256").hexdigest()


def known_user(username: str):
    """The account a typed user name signs in to (exactly as Django's ModelBackend finds it), or None."""
    # No NUL: PostgreSQL refuses it in a query, and Django's sign-in form refuses it anyway.
    if not username or len(username) > 150 or "\x00" in username:
        return None
    return get_user_model().objects.filter(username=username).first()


def unknown_name_for_log(hashed: str) -> str:
    """How logs name an unknown user name: by the start of its keyed hash, the same in every log."""
    return f"unknown user name {hashed[:12]}"


def name_for_log(username: str) -> str:
    """What a log may say for a typed user name: the account's name, or a short hash of an unknown one."""
    user = known_user(username)
    return user.username if user else unknown_name_for_log(name_hash(username))


def _subject(*, user=None, username: str = "") -> dict:
    user = user or known_user(username)
    return {"user": user, "name_hash": ""} if user else {"user": None, "name_hash": name_hash(username)}


def delay_after(failures: int) -> timedelta | None:
    """The wait after the `failures`-th failure in a row: none for the free ones, then doubling."""
    over = failures - free_failures()
    if over < 0:
        return None
    first = getattr(settings, "SIGNIN_FIRST_DELAY_SECONDS", 60)
    longest = getattr(settings, "SIGNIN_LONGEST_DELAY_SECONDS", 15 * 60)
    return timedelta(seconds=min(first * 2 ** min(over, 30), longest))


def wait_seconds(request, *, user=None, username: str = "") -> int:
    """Seconds this account (or name) must still wait from this address; 0 if it may try now."""
    now = timezone.now()
    row = SignInThrottle.objects.filter(ip=client_ip(request), blocked_until__gt=now, **_subject(
        user=user, username=username)).first()
    return int((row.blocked_until - now).total_seconds()) + 1 if row else 0


def record_failure(request, *, user=None, username: str = "") -> int:
    """Count one failure; returns the seconds to wait now (0 while failures are free)."""
    now = timezone.now()
    subject, ip = _subject(user=user, username=username), client_ip(request)
    SignInThrottle.objects.filter(last_failure_at__lt=now - FORGET_AFTER).delete()
    for _attempt in range(2):  # two first failures at once: the second insert meets the first's row
        try:
            with transaction.atomic():
                row, created = SignInThrottle.objects.select_for_update().get_or_create(
                    ip=ip, **subject, defaults={"failures": 0, "last_failure_at": now})
                row.failures += 1
                row.last_failure_at = now
                delay = delay_after(row.failures)
                row.blocked_until = now + delay if delay else None
                row.save()
                break
        except IntegrityError:
            continue
    if delay and row.failures == free_failures():
        # The first wait of a series is worth its own line in the access log.
        log.record(request, action=log.Action.LOCKED_OUT, user=subject["user"],
                   username="" if subject["user"] else unknown_name_for_log(subject["name_hash"]))
    return int(delay.total_seconds()) if delay else 0


def record_success(request, *, user) -> None:
    SignInThrottle.objects.filter(user=user, ip=client_ip(request)).delete()


def may_lift_waits(user) -> bool:
    return user.is_authenticated and (user.is_administrator or bool(coordinated_projects(user)))


def waits_in_scope(user):
    """The waits `user` may see and lift: an administrator all, a coordinator those of their projects' members."""
    rows = SignInThrottle.objects.select_related("user").order_by("-last_failure_at")
    if user.is_administrator:
        return rows
    projects = coordinated_projects(user)
    if not projects:
        return rows.none()
    return rows.filter(pk__in=SignInThrottle.objects.filter(user__memberships__project__in=projects).values("pk"))


def current_waits(user):
    return waits_in_scope(user).filter(blocked_until__gt=timezone.now())


def lift_wait(*, by, throttle: SignInThrottle, reason: str, request=None) -> None:
    who = (f"{throttle.user.username} (#{throttle.user_id})" if throttle.user_id
           else unknown_name_for_log(throttle.name_hash))
    with transaction.atomic():
        throttle.delete()
        log.record(request, user=by, action=log.Action.CHANGE,
                   detail=f"sign-in wait lifted: {who} from {throttle.ip}; reason: {reason}")
