"""Encryption of the TOTP secrets at rest (Fernet: AES-128-CBC with HMAC-SHA256, from `cryptography`).

The keys come from the environment (TOTP_ENCRYPTION_KEYS, newest first), never from the database,
so a copy of the database or a backup alone does not give anyone's second factor. Every key in the
list decrypts; the first encrypts. Rotating: put a new key first, restart, run
`manage.py rotate_totp_keys`, then remove the old key (docs/deploy.md).
"""

import base64
import hashlib

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _demo_key() -> bytes:
    """Only with DEBUG on (the demo): a key derived from the secret key, so `make run` needs no set-up."""
    digest = hashlib.sha256(b"brobygger totp secrets " + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def keys() -> list[bytes]:
    configured = [key.encode() if isinstance(key, str) else key for key in settings.TOTP_ENCRYPTION_KEYS]
    if configured:
        return configured
    if settings.DEBUG:
        return [_demo_key()]
    raise ImproperlyConfigured("TOTP_ENCRYPTION_KEYS must be set when DEBUG is off (docs/deploy.md).")


def _box() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys()])


def encrypt(text: str) -> str:
    return _box().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _box().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """The same secret, encrypted with the newest key (it may have been encrypted with any listed key)."""
    return _box().rotate(token.encode()).decode()
