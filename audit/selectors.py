import io
from datetime import datetime, time

from django.utils import timezone

from brobygger.access import coordinated_projects
from brobygger.spreadsheets import csv_writer

from . import log
from .models import ChangeRecord

EXPORT_LIMIT = 100_000


def filter_events(events, data: dict):
    if data.get("course"):
        events = events.filter(course_code=data["course"])
    if data.get("user"):
        events = events.filter(username__iexact=data["user"])
    if data.get("action"):
        events = events.filter(action=data["action"])
    tz = timezone.get_current_timezone()
    if data.get("date_from"):
        events = events.filter(at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz))
    if data.get("date_to"):
        events = events.filter(at__lte=datetime.combine(data["date_to"], time.max, tzinfo=tz))
    return events


def change_history(user, code: str):
    """The change history of one course, if the user may read the course's log."""
    if not code:
        return ChangeRecord.objects.none()
    if not user.is_administrator and log.course_project(code) not in coordinated_projects(user):
        return ChangeRecord.objects.none()
    return ChangeRecord.objects.filter(course_code=code)


def events_csv(events) -> bytes:
    """The entries as a CSV file Excel opens (UTF-8 with a byte order mark, semicolons), at most
    EXPORT_LIMIT of them; text that looks like a formula is kept text (brobygger.spreadsheets)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out, delimiter=";")
    writer.writerow(["time", "user", "organisation and role", "action", "course", "page", "address", "status",
                     "from", "details", "project"])
    projects = log.project_slugs()
    for e in events[:EXPORT_LIMIT].iterator():
        writer.writerow([
            timezone.localtime(e.at).isoformat(timespec="seconds"), e.username, e.roles, e.action, e.course_code,
            e.url_name, e.path, e.status, e.ip, e.detail, projects.get(e.project_id, ""),
        ])
    return out.getvalue().encode("utf-8")
