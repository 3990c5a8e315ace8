from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Exports")

    def ready(self):
        from brobygger import sections

        from .sections import home_section, project_section

        sections.register("home", 5, "exports/sections/home.html", home_section)
        sections.register("project", 60, "exports/sections/project.html", project_section)
