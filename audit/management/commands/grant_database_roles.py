from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from audit.models import AccessEvent, ChangeRecord


def grants(*, app: str, maintenance: str) -> list[str]:
    """The grants, in order. Neither role owns a table, so neither can TRUNCATE, drop a trigger or
    alter a table; only the owner (who runs `migrate`, and whose credentials stay off the app server)
    could. The database's triggers refuse UPDATE of the audit tables and DELETE of young entries for
    everyone."""
    quote = connection.ops.quote_name
    app, maintenance = quote(app), quote(maintenance)
    audit = ", ".join(quote(model._meta.db_table) for model in (AccessEvent, ChangeRecord))
    return [
        f"GRANT USAGE ON SCHEMA public TO {app}, {maintenance}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}, {maintenance}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}, {maintenance}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {app}, {maintenance}",
        # The web application reads and adds to the audit log, nothing else.
        f"REVOKE UPDATE, DELETE ON {audit} FROM {app}",
        # Maintenance (prune_audit_log, apply_retention, clearsessions) deletes old entries; it adds
        # entries too (apply_retention's log line, the change history triggers).
        f"REVOKE UPDATE ON {audit} FROM {maintenance}",
    ]


class Command(BaseCommand):
    help = (
        "PostgreSQL: grants the app role (gunicorn) and the maintenance role (cron: prune_audit_log, "
        "apply_retention, clearsessions) what each needs and no more: neither may TRUNCATE, and the app "
        "may not delete from the audit log. Run as the owner after every migrate (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--app", required=True, help="The role gunicorn connects as.")
        parser.add_argument("--maintenance", required=True, help="The role the scheduled tasks connect as.")
        parser.add_argument("--print", action="store_true", dest="print_only", help="Print the SQL, run nothing.")

    def handle(self, *args, app, maintenance, print_only, **options):
        if app == maintenance:
            raise CommandError("Use two different roles: the app must not delete from the audit log.")
        if connection.vendor != "postgresql":
            raise CommandError("Database roles and grants are for PostgreSQL (docs/deploy.md section 3).")
        statements = grants(app=app, maintenance=maintenance)
        if print_only:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"{len(statements)} grant statements applied for {app} (app) and {maintenance} (maintenance).")
