import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
RECOVERY_CODE_LENGTH = 10
RECOVERY_CODE_COUNT = 10


def hash_recovery_code(code: str) -> str:
    """Recovery codes are random (about 50 bits), so a plain SHA-256 is enough to store them."""
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


class TOTPDevice(models.Model):
    """A staff user's authenticator app (RFC 6238 TOTP, 30-second steps, 6 digits)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="totp_device")
    # The base32 secret, encrypted with TOTP_ENCRYPTION_KEYS (signin/crypto.py); read and set `secret`.
    encrypted_secret = models.TextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last time step a code was accepted for: a code works once.
    last_used_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self):
        return f"TOTP {self.user}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def secret(self) -> str:
        from .crypto import decrypt

        return decrypt(self.encrypted_secret)

    @secret.setter
    def secret(self, value: str) -> None:
        from .crypto import encrypt

        self.encrypted_secret = encrypt(value)


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost. Only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique")]

    def __str__(self):
        return f"{self.user} ({'used' if self.used_at else 'unused'})"


class SignInSession(models.Model):
    """One signed-in session of a user, so all of them can be ended at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="signin_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")

    def __str__(self):
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"


class SignInThrottle(models.Model):
    """Failed sign-ins (passwords and codes) of one account, or one unknown user name, from one address.

    Never the typed name: a known account by its id, an unknown name only by a keyed hash (someone
    may type a CPR number or a citizen's name into the user name field). See signin/lockout.py.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True,
                             related_name="signin_throttles")
    name_hash = models.CharField(max_length=64, blank=True)
    ip = models.CharField(_("from address"), max_length=45)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    blocked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in wait")
        verbose_name_plural = _("sign-in waits")
        constraints = [
            models.UniqueConstraint(fields=["user", "ip"], condition=models.Q(user__isnull=False),
                                    name="signin_throttle_user_ip"),
            models.UniqueConstraint(fields=["name_hash", "ip"], condition=models.Q(user__isnull=True),
                                    name="signin_throttle_name_ip"),
            models.CheckConstraint(condition=models.Q(user__isnull=False, name_hash="")
                                   | models.Q(user__isnull=True) & ~models.Q(name_hash=""),
                                   name="signin_throttle_user_or_name"),
        ]
        indexes = [models.Index(fields=["last_failure_at"], name="signin_throttle_last_failure")]

    def __str__(self):
        return f"{self.user_id or 'unknown'} {self.ip} {self.failures}"
