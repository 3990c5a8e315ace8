"""TOTP secrets encrypted at rest: each existing plain secret is encrypted with the newest key of
TOTP_ENCRYPTION_KEYS (which must be set before this runs with DEBUG off), then the plain column goes."""

from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    from signin import crypto

    TOTPDevice = apps.get_model("signin", "TOTPDevice")
    for device in TOTPDevice.objects.using(schema_editor.connection.alias).exclude(secret=""):  # nosec B106  # a filter for empty rows, no password
        device.encrypted_secret = crypto.encrypt(device.secret)
        device.save(update_fields=["encrypted_secret"])


def decrypt_existing(apps, schema_editor):
    from signin import crypto

    TOTPDevice = apps.get_model("signin", "TOTPDevice")
    for device in TOTPDevice.objects.using(schema_editor.connection.alias).exclude(encrypted_secret=""):  # nosec B106  # a filter for empty rows, no password
        device.secret = crypto.decrypt(device.encrypted_secret)
        device.save(update_fields=["secret"])


class Migration(migrations.Migration):

    dependencies = [
        ("signin", "0002_sign_in_waits"),
    ]

    operations = [
        migrations.AddField(
            model_name="totpdevice",
            name="encrypted_secret",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
        migrations.RemoveField(
            model_name="totpdevice",
            name="secret",
        ),
    ]
