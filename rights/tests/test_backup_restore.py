"""A backup made with pg_dump and restored with pg_restore gives the same project report (PostgreSQL only)."""

import os
import shutil
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import AccessEvent, ChangeRecord
from conftest import build_world
from courses import services
from courses.models import Course
from reports.selectors import project_report


def _pg_args(settings_dict):
    args = ["-d", settings_dict["NAME"]]
    host = settings_dict.get("HOST") or settings_dict.get("OPTIONS", {}).get("host")
    if host:
        args += ["-h", host]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", settings_dict["USER"]]
    return args


def test_restore_of_a_backup_gives_the_same_project_report(transactional_db, tmp_path):
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("needs PostgreSQL and pg_dump")
    world = build_world()
    services.record_intervention(course=world.course_a, intervention=world.counselling, organisation=world.org_a,
                                 by=world.users["caseworker_a"], on=date(2026, 2, 3))
    before = project_report(world.project, date(2026, 6, 30))
    audit_before = (AccessEvent.objects.count(), ChangeRecord.objects.count())
    dump = tmp_path / "brobygger.dump"
    env = {"PGPASSWORD": connection.settings_dict.get("PASSWORD") or ""}
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", "-f", str(dump), *_pg_args(connection.settings_dict)],
                   check=True, env={**os.environ, **env}, timeout=120)

    call_command("flush", interactive=False, verbosity=0)  # the disaster
    assert not Course.objects.exists()

    connection.close()
    subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error",
                    *_pg_args(connection.settings_dict), str(dump)],
                   check=True, env={**os.environ, **env}, timeout=120)
    assert project_report(world.project, date(2026, 6, 30)) == before
    assert (AccessEvent.objects.count(), ChangeRecord.objects.count()) == audit_before
    assert Course.objects.count() == 2
