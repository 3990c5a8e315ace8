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


def allowed(role, sql) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {role}")
            cursor.execute(sql)
            transaction.set_rollback(True)
        return True
    except DatabaseError as error:
        assert "permission denied" in str(error) or "must be owner" in str(error)
        return False


OLD_ROWS = "DELETE FROM audit_accessevent WHERE at < now() - interval '3 years'"


def test_the_maintenance_role_prunes_old_entries_but_cannot_truncate(roles):
    assert allowed(MAINTENANCE, OLD_ROWS)
    assert allowed(MAINTENANCE, "INSERT INTO audit_accessevent (at, username, roles, action, course_code, url_name, "
                                "path, method, ip, detail) VALUES (now(), '', '', 'retention', '', '', '', '', '', '')")
    assert allowed(MAINTENANCE, "DELETE FROM django_session")  # clearsessions, apply_retention
    assert not allowed(MAINTENANCE, "TRUNCATE audit_accessevent")
    assert not allowed(MAINTENANCE, "TRUNCATE audit_changerecord")
    assert not allowed(MAINTENANCE, "UPDATE audit_accessevent SET detail = ''")
    assert not allowed(MAINTENANCE, "DROP TRIGGER audit_accessevent_append_only ON audit_accessevent")


def test_the_app_role_only_reads_and_adds_to_the_audit_log(roles):
    assert allowed(APP, "SELECT count(*) FROM audit_accessevent")
    assert allowed(APP, "SELECT count(*) FROM courses_course")
    assert not allowed(APP, OLD_ROWS)
    assert not allowed(APP, "TRUNCATE audit_accessevent")
    assert not allowed(APP, "TRUNCATE courses_course")


def test_it_refuses_one_role_for_both(db):
    with pytest.raises(CommandError, match="two different roles"):
        call_command("grant_database_roles", "--app", APP, "--maintenance", APP, stdout=StringIO())
