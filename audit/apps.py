from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def drop_sqlite_triggers(sender, using="default", **kwargs):
    """Before every migrate on SQLite: its table rebuilds and column drops fail while a trigger names
    the table or column (audit/guards.py says why); post_migrate puts them back for the new schema."""
    from django.db import connections

    from . import guards

    connection = connections[using]
    if connection.vendor == "sqlite":
        guards.uninstall(connection)


def reinstall_triggers(sender, using="default", **kwargs):
    """After every migrate (and every test flush), while the triggers' migration is applied: SQLite
    lost them before the migrations ran, and its UPDATE triggers list the columns of the day."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from . import guards

    connection = connections[using]
    if ("audit", "0002_triggers") in MigrationRecorder(connection).applied_migrations():
        guards.install(connection)


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from brobygger import navigation

        from . import checks, signals  # noqa: F401
        from .access import can_read_audit_log

        pre_migrate.connect(drop_sqlite_triggers, sender=self, dispatch_uid="audit_drop_sqlite_triggers")
        post_migrate.connect(reinstall_triggers, sender=self, dispatch_uid="audit_reinstall_triggers")
        navigation.register(800, "audit_log", _("Access log"), can_read_audit_log)
