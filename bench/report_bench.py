"""Benchmark of the project report and the import (not a test; prints figures).

    DATABASE_URL=... python manage.py seed_bench --courses 100000
    DATABASE_URL=... python bench/report_bench.py [--slug bench] [--import-rows 10000]

Prints: the JSON report's time (on SQLite also its processor time), the time of the same SQL
aggregates run alone (captured from the report and replayed through a bare cursor) and their
ratio; the report page's time; the number of queries per report; and the time and peak memory of importing a
generated workbook of --import-rows rows (in a child process, so its memory is its own), once
saved as Excel saves it (shared strings) and once as openpyxl writes it (inline strings).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brobygger.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

AS_OF = date(2026, 11, 30)


def best_of(n, func, clock=time.perf_counter):
    times = []
    for _ in range(n):
        t0 = clock()
        func()
        times.append(clock() - t0)
    return min(times)


def bench_report(slug):
    import json

    from projects.models import Project
    from reports.selectors import project_report

    project = Project.objects.get(slug=slug)
    courses = project.courses.count()
    # The report runs every query on this one connection, so all are captured (and its transaction's
    # BEGIN, SET TRANSACTION and COMMIT, which are not aggregates).
    with CaptureQueriesContext(connection) as captured:
        project_report(project, AS_OF)
    queries = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    report_s = best_of(3, lambda: json.dumps(project_report(project, AS_OF)))

    def plain_sql():
        with connection.cursor() as cursor:
            for sql in queries:
                cursor.execute(sql.replace("%", "%%") if connection.vendor == "postgresql" else sql)
                cursor.fetchall()

    sql_s = best_of(3, plain_sql)
    print(f"database: {connection.vendor}; project {slug}: {courses} courses")
    print(f"queries per report: {len(queries)}")
    print(f"JSON report: {report_s:.3f} s (target < 2 s)")
    if connection.vendor == "sqlite":
        # SQLite runs the queries in this process, so its processor time is the report's own work,
        # which other programs on a shared machine disturb far less than the time on the clock.
        cpu_s = best_of(3, lambda: json.dumps(project_report(project, AS_OF)), clock=time.process_time)
        print(f"JSON report, processor time of this process: {cpu_s:.3f} s")
    print(f"plain SQL aggregates alone, one after another: {sql_s:.3f} s; ratio {report_s / sql_s:.2f} (target <= 3)")

    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{slug}-coordinator"))
    url = f"/reports/{slug}/?as_of={AS_OF.isoformat()}"

    def page():
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, response.status_code

    page_s = best_of(3, page)
    print(f"report page: {page_s:.3f} s (target < 3 s)")


# Runs manage.py and prints the process's own peak resident memory (VmHWM, Linux) as it exits.
# Not getrusage(RUSAGE_CHILDREN): Linux counts in a child's peak the parent's resident memory
# at the fork, and this process has just read much of the database for the reports.
REPORT_PEAK = """
import atexit, runpy, sys
def peak():
    status = open("/proc/self/status").read()
    print("peak-kB", status.split("VmHWM:")[1].split()[0], file=sys.stderr)
atexit.register(peak)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


HEADERS = ["Borger-ID", "Køn", "Alder", "Startdato", "Slutdato", "Henvist til indsats mod menneskehandel",
           "Visiteret til andre tilbud", *[f"Indsats {i}" for i in range(10)]]


def registration_rows(rows):
    for i in range(rows):
        yield [f"IMP-{i:06d}", "Kvinde", 20 + i % 50, date(2022, 1, 1 + i % 28), None, "Nej", "Jobcenter",
               *["x" if (i + j) % 3 else "" for j in range(10)]]


def save_as_excel_does(path, rows):
    """Text in the shared-strings table and dates as date cells, as Excel (and XlsxWriter) save them."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Borgere")
    day = workbook.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, HEADERS)
    for r, values in enumerate(registration_rows(rows), start=1):
        for c, value in enumerate(values):
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, day)
            elif value not in (None, ""):
                sheet.write(r, c, value)
    workbook.close()


def save_as_openpyxl_does(path, rows):
    """Text inline in every cell, as openpyxl (and so Brobygger's own export) writes it: slower to read."""
    import openpyxl

    # A normal (not write-only) workbook, so the sheet states its size as Excel's files do;
    # without it openpyxl's read-only mode reads the whole sheet once more just to find its size.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Borgere"
    sheet.append(HEADERS)
    for values in registration_rows(rows):
        sheet.append(values)
    workbook.save(path)


def bench_import(rows):
    manage = [sys.executable, str(ROOT / "manage.py")]
    for label, save in (("saved by Excel", save_as_excel_does), ("written by openpyxl", save_as_openpyxl_does)):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "import.xlsx"
            save(str(path), rows)
            slug = f"bench-import-{os.getpid()}"
            subprocess.run([*manage, "create_project", slug, "--name", f"Import benchmark {slug}"], check=True,
                           capture_output=True)
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", REPORT_PEAK, *manage[1:], "import_registrations", slug,
                                   str(path)], check=True, capture_output=True, text=True)
            import_s = time.perf_counter() - t0
            peak_mb = int(done.stderr.rsplit("peak-kB ", 1)[1].split()[0]) / 1024
            print(f"import of {rows} rows, workbook {label}: {import_s:.2f} s (target < 15 s), "
                  f"peak memory {peak_mb:.0f} MB (target < 300 MB)")
            from courses.models import Course
            from projects.models import Project

            project = Project.objects.get(slug=slug)
            Course.objects.filter(project=project).delete()
            project.delete()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slug", default="bench")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    bench_report(args.slug)
    if not args.skip_import:
        bench_import(args.import_rows)
