from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Service directory")

    def ready(self):
        from brobygger import navigation

        from . import demo  # noqa: F401 - registers the demo data
        from .access import is_staff_member

        navigation.register(60, "directory_list", _("Services"), is_staff_member)
