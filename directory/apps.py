from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Service directory")

    def ready(self):
        from brobygger import navigation

        from .access import is_staff_member

        navigation.register(60, "directory_list", _("Services"), is_staff_member)
