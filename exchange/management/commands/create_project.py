from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from projects.services import create_project

from ._base import ExchangeCommand


class Command(ExchangeCommand):
    help = "Create a project to import a history into. An existing short name (slug) is an error."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--prefix", default="", help="2-4 capital letters before every course id.")
        parser.add_argument("--organisation", default="",
                            help="The lead organisation owning the courses (the project's name by default).")

    def handle(self, *args, slug, name, prefix, organisation, **options):
        try:
            project = create_project(slug=slug, name=name, prefix=prefix, organisation=organisation)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except Exception as error:  # full_clean's ValidationError
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.stdout.write(_("Created the project %(name)s (%(slug)s).") % {"name": project.name, "slug": project.slug})
