from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from audit import log
        from brobygger import navigation

        from . import demo  # noqa: F401  (registers its part of the demo data)
        from .access import project_slugs, projects_with_slug

        log.register_lookup("slug_projects", projects_with_slug)
        log.register_lookup("project_slugs", project_slugs)

        navigation.register(
            50, "project_list", _("Projects"), lambda user: any(m.project_id for m in user.active_memberships)
        )
        navigation.register(90, "organisation_list", _("Organisations"), lambda user: user.is_administrator)
        navigation.register(91, "admin_project_list", _("All projects"), lambda user: user.is_administrator)
