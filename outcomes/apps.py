from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Exit indicators")

    def ready(self):
        from brobygger import sections

        from . import demo  # noqa: F401  (registers the demo data)
        from .sections import course_section

        sections.register("course", 25, "outcomes/sections/course.html", course_section)
