"""Helpers for tests that sign in through the real pages (browser tests)."""

import pyotp
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import TOTPDevice


def authenticator_secret(username: str) -> str:
    """A confirmed authenticator app for `username` (made if missing); returns its secret.

    The replay guard is reset so that a test may sign the same user in twice within 30 seconds.
    """
    user = get_user_model().objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32(), "confirmed_at": timezone.now()}
    )
    if not device.confirmed or device.last_used_step:
        device.confirmed_at = device.confirmed_at or timezone.now()
        device.last_used_step = 0
        device.save(update_fields=["confirmed_at", "last_used_step"])
    return device.secret
