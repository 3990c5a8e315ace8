"""Two-factor sign-in: TOTP devices, recovery codes, and ending sessions."""

import time
from importlib import import_module

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import (
    RECOVERY_CODE_COUNT,
    RecoveryCode,
    SignInSession,
    TOTPDevice,
    hash_recovery_code,
    new_recovery_code,
)

ISSUER = "Brobygger"
# Accept the code of the previous and the next 30-second step too (clock drift).
VALID_WINDOW = 1
# Session keys the sign-in flow keeps.
PENDING_KEY = "signin_pending"
STARTED_KEY = "signin_started"
PENDING_SECONDS = 5 * 60


def demo_bypass_allowed(user) -> bool:
    """Only demo users on a DEBUG demo server may skip the second factor."""
    return bool(settings.DEBUG and getattr(settings, "DEMO_MODE", False) and getattr(user, "is_demo", False))


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def start_enrolment(user) -> TOTPDevice:
    """A new, unconfirmed secret for `user` (replacing an earlier unconfirmed one)."""
    device, created = TOTPDevice.objects.get_or_create(user=user, defaults={"secret": pyotp.random_base32()})
    if device.confirmed:
        raise ValueError("The user already has a confirmed authenticator app.")
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name=ISSUER)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int(now) // totp.interval
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(user, code: str, *, now: float | None = None) -> bool:
    """True if `code` is right and not used before (a code works once)."""
    now = time.time() if now is None else now
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            return False
        step = _matching_step(device.secret, code, now)
        if step is None or step <= device.last_used_step:
            return False
        device.last_used_step = step
        fields = ["last_used_step"]
        if not device.confirmed:
            device.confirmed_at = timezone.now()
            fields.append("confirmed_at")
        device.save(update_fields=fields)
    return True


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones; the plain codes are shown once."""
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=hash_recovery_code(c)) for c in codes])
    return codes


def use_recovery_code(user, code: str) -> bool:
    """True once per code: the update marks it used in the same statement that checks it."""
    if not code or len(code) > 40:
        return False
    updated = RecoveryCode.objects.filter(
        user=user, code_hash=hash_recovery_code(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    return updated == 1


def remaining_recovery_codes(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def reset_second_factor(user) -> None:
    """An administrator's help for a lost phone: the user enrols again at the next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    end_all_sessions(user)


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def record_session(user, session) -> None:
    if session.session_key is None:
        session.save()
    SignInSession.objects.update_or_create(
        session_key=session.session_key, defaults={"user": user, "started_at": timezone.now()}
    )


def end_all_sessions(user) -> int:
    """End every session of `user` at once (sign out everywhere, deactivation, 2FA reset)."""
    store = session_store()
    keys = list(SignInSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    SignInSession.objects.filter(user=user).delete()
    return len(keys)
