"""What the exchange commands share: the project by slug, the language of messages, problems out."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from exchange.formats import UnreadableFile
from exchange.services import ImportRefused
from projects.models import Project


class ExchangeCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--language", choices=["da", "en"], default="da",
                            help="Language of messages (Danish by default).")

    def execute(self, *args, **options):
        with translation.override(options.get("language") or "da"):
            return super().execute(*args, **options)

    def project(self, slug):
        try:
            return Project.objects.get(slug=slug)
        except Project.DoesNotExist:
            raise CommandError(_("There is no project with the short name %(slug)s.") % {"slug": slug}) from None

    def read(self, path):
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise CommandError(_("The file %(path)s cannot be read: %(error)s") % {
                "path": path, "error": error.strerror}) from None

    def run_import(self, func, **kwargs):
        try:
            return func(**kwargs)
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(_("Nothing was imported: %(count)s problem(s) found. Correct the file and try again.")
                               % {"count": len(refused.problems)}) from None
