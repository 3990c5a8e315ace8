"""TOTP secrets are stored encrypted with a key from the environment, and the key can be rotated."""

from io import StringIO

import pyotp
import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command

from signin import services
from signin.models import TOTPDevice

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def stored(device) -> str:
    return TOTPDevice.objects.filter(pk=device.pk).values_list("encrypted_secret", flat=True).get()


def test_the_secret_is_not_stored_in_plain_text(world, settings):
    settings.TOTP_ENCRYPTION_KEYS = [OLD]
    device = services.start_enrolment(world.users["caseworker_a"])
    secret = device.secret
    assert len(secret) == 32
    row = " ".join(str(v) for v in TOTPDevice.objects.filter(pk=device.pk).values().get().values())
    assert secret not in row
    assert Fernet(OLD.encode()).decrypt(stored(device).encode()).decode() == secret


def test_codes_are_checked_against_the_decrypted_secret(world, settings):
    settings.TOTP_ENCRYPTION_KEYS = [OLD]
    user = world.users["caseworker_a"]
    device = services.start_enrolment(user)
    assert services.verify_totp(user, pyotp.TOTP(device.secret).now())


def test_rotation_re_encrypts_every_secret_with_the_newest_key(world, settings):
    settings.TOTP_ENCRYPTION_KEYS = [OLD]
    devices = [services.start_enrolment(world.users[name]) for name in ("caseworker_a", "coordinator")]
    secrets = [d.secret for d in devices]
    settings.TOTP_ENCRYPTION_KEYS = [NEW, OLD]
    out = StringIO()
    call_command("rotate_totp_keys", stdout=out)
    assert "2 authenticator secrets re-encrypted with the newest key" in out.getvalue()
    for device, secret in zip(devices, secrets, strict=True):
        assert Fernet(NEW.encode()).decrypt(stored(device).encode()).decode() == secret
        with pytest.raises(InvalidToken):
            Fernet(OLD.encode()).decrypt(stored(device).encode())
    # The old key can go now.
    settings.TOTP_ENCRYPTION_KEYS = [NEW]
    assert [TOTPDevice.objects.get(pk=d.pk).secret for d in devices] == secrets


def test_without_a_key_a_production_server_refuses_rather_than_storing_plain_text(world, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.TOTP_ENCRYPTION_KEYS = []
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        services.start_enrolment(world.users["caseworker_a"])
    assert not TOTPDevice.objects.exists()


def test_the_deployment_check_names_a_missing_or_broken_key(settings):
    from signin.checks import check_totp_keys

    settings.DEBUG = False
    settings.TOTP_ENCRYPTION_KEYS = []
    assert [e.id for e in check_totp_keys(None)] == ["signin.E001"]
    settings.TOTP_ENCRYPTION_KEYS = ["not a key"]
    assert [e.id for e in check_totp_keys(None)] == ["signin.E002"]
    settings.TOTP_ENCRYPTION_KEYS = [NEW, OLD]
    assert check_totp_keys(None) == []
