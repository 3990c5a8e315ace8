"""Retention and erasure: courses go, anonymous counts stay so that reports still add up."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit import log
from courses.models import Course
from courses.services import erase_courses

from . import retained


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def expired_courses(today: date):
    """Ended courses whose project's retention period (years after the end) has passed."""
    from projects.models import Project

    condition = Q(pk__in=[])
    for project in Project.objects.all().only("pk", "retention_years"):
        condition |= Q(project=project, end_date__lt=years_before(today, project.retention_years))
    return Course.objects.filter(end_date__isnull=False).filter(condition).select_related("project")


@dataclass
class Deleted:
    code: str
    project: str
    end_date: date | None


def delete_courses(courses, *, action: str, today: date, request=None, by=None) -> list[Deleted]:
    """Keep the anonymous figures (rights.retained), then delete the courses with everything that
    hangs on them. A report whose period ended before `today` gives the same figures afterwards."""
    courses = list(courses.select_related("project"))
    if not courses:
        return []
    done, ids = [], [c.pk for c in courses]
    with transaction.atomic():
        queryset = Course.objects.filter(pk__in=ids)
        retained.keep(retained.figures_of(queryset, today=today))
        for course in courses:
            log.record(request, action=action, user=by, course=course)
            done.append(Deleted(course.code, course.project.name, course.end_date))
        erase_courses(course_ids=ids)
    return done


def apply_retention(*, today: date, dry_run: bool = False) -> list[Deleted]:
    courses = expired_courses(today).order_by("end_date", "code")
    if dry_run:
        return [Deleted(c.code, c.project.name, c.end_date) for c in courses]
    return delete_courses(courses, action=log.Action.RETENTION, today=today)


def erase_course(*, course, request, by) -> Deleted:
    """The citizen's right to erasure: the course goes now, only anonymous counts stay."""
    return delete_courses(Course.objects.filter(pk=course.pk), action=log.Action.ERASURE, today=timezone.localdate(),
                          request=request, by=by)[0]
