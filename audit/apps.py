from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def reinstall_triggers(sender, using="default", **kwargs):
    """After every migrate (and every test flush): SQLite loses triggers when a table is rebuilt."""
    from django.db import connections

    from . import guards

    connection = connections[using]
    if "audit_accessevent" in connection.introspection.table_names():
        guards.install(connection)


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from brobygger import navigation

        from . import checks, signals  # noqa: F401
        from .access import can_read_audit_log

        post_migrate.connect(reinstall_triggers, sender=self, dispatch_uid="audit_reinstall_triggers")
        navigation.register(800, "audit_log", _("Access log"), can_read_audit_log)
