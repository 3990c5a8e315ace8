from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand
from django.db import transaction

from signin import crypto
from signin.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Re-encrypts every stored authenticator (TOTP) secret with the newest key, the first of "
        "TOTP_ENCRYPTION_KEYS. Run it after putting a new key first; then the old keys can be removed. "
        "--new-key prints a fresh key and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="Print a new key for TOTP_ENCRYPTION_KEYS.")

    def handle(self, *args, new_key, **options):
        if new_key:
            self.stdout.write(Fernet.generate_key().decode())
            return
        crypto.keys()  # refuses at once without a key, before touching anything
        count = 0
        with transaction.atomic():
            for device in TOTPDevice.objects.select_for_update().only("pk", "encrypted_secret"):
                TOTPDevice.objects.filter(pk=device.pk).update(encrypted_secret=crypto.rotate(device.encrypted_secret))
                count += 1
        self.stdout.write(f"{count} authenticator secrets re-encrypted with the newest key.")
