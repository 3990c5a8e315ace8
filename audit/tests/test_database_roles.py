"""The database roles the app server uses cannot empty the audit log: only the owner could, and the
owner's credentials stay off the app server (docs/deploy.md section 3)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles and grants")

APP, MAINTENANCE = "test_brobygger_app", "test_brobygger_maintenance"


@pytest.fixture
def roles(db):
    with connection.cursor() as cursor:
        for role in (APP, MAINTENANCE):
            cursor.execute(f"CREATE ROLE {role} NOLOGIN")  # rolled back with the test
    call_command("grant_database_roles", "--app", APP, "--maintenance", MAINTENANCE, stdout=StringIO())


def refusal(role, sql) -> str | None:
    """PostgreSQL's refusal of `sql` run as `role` (its message), or None if it ran (then rolled back)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {role}")
            cursor.execute(sql)
            transaction.set_rollback(True)
    except DatabaseError as error:
        return error.__cause__.diag.message_primary
    return None


OLD_ROWS = "DELETE FROM audit_accessevent WHERE at < now() - interval '3 years'"
NO_ACCESS_EVENTS = "permission denied for table audit_accessevent"


def test_the_maintenance_role_prunes_old_entries_but_cannot_truncate(roles):
    assert refusal(MAINTENANCE, OLD_ROWS) is None
    assert refusal(MAINTENANCE, "INSERT INTO audit_accessevent (at, username, roles, action, course_code, url_name, "
                                "path, method, ip, detail) VALUES (now(), '', '', 'retention', '', '', '', '', '', '')"
                   ) is None
    assert refusal(MAINTENANCE, "DELETE FROM django_session") is None  # clearsessions, apply_retention
    assert refusal(MAINTENANCE, "TRUNCATE audit_accessevent") == NO_ACCESS_EVENTS
    assert refusal(MAINTENANCE, "TRUNCATE audit_changerecord") == "permission denied for table audit_changerecord"
    assert refusal(MAINTENANCE, "UPDATE audit_accessevent SET detail = ''") == NO_ACCESS_EVENTS
    # Dropping a trigger is the table owner's alone, whatever is granted.
    assert refusal(MAINTENANCE, "DROP TRIGGER audit_accessevent_append_only ON audit_accessevent"
                   ) == "must be owner of relation audit_accessevent"


def test_the_app_role_only_reads_and_adds_to_the_audit_log(roles):
    assert refusal(APP, "SELECT count(*) FROM audit_accessevent") is None
    assert refusal(APP, "SELECT count(*) FROM courses_course") is None
    assert refusal(APP, OLD_ROWS) == NO_ACCESS_EVENTS
    assert refusal(APP, "TRUNCATE audit_accessevent") == NO_ACCESS_EVENTS
    assert refusal(APP, "TRUNCATE courses_course") == "permission denied for table courses_course"


def test_it_refuses_one_role_for_both(db):
    with pytest.raises(CommandError, match="two different roles"):
        call_command("grant_database_roles", "--app", APP, "--maintenance", APP, stdout=StringIO())
