from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_totp_keys(app_configs, **kwargs):
    """check --deploy: the TOTP secrets need a key from the environment, and every key must be a Fernet key."""
    keys = list(getattr(settings, "TOTP_ENCRYPTION_KEYS", []))
    if not keys:
        if settings.DEBUG:
            return []
        return [Error("TOTP_ENCRYPTION_KEYS is not set: the second factor cannot be stored encrypted.",
                      hint="Generate one with `python manage.py rotate_totp_keys --new-key` (docs/deploy.md).",
                      id="signin.E001")]
    for position, key in enumerate(keys, 1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            return [Error(f"Key number {position} of TOTP_ENCRYPTION_KEYS is not a Fernet key (32 bytes, base64).",
                          id="signin.E002")]
    return []
