"""Retention and erasure: courses go, anonymous counts stay so that reports still add up."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth

from audit import log
from courses.models import Course, InterventionRecord, Referral
from wellbeing.models import Who5Response

from .models import RetainedCount

M = RetainedCount.Measure
AGE_BANDS = [(25, "18-25"), (30, "26-30"), (35, "31-35"), (45, "36-45")]
OVER = "46+"
UNKNOWN = "unknown"


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


def _age_band():
    age = Coalesce(F("age_at_start"), ExtractYear("start_date") - F("birth_year"))
    return Case(
        *[When(Q(**{"age__lte": upper}), then=Value(label)) for upper, label in AGE_BANDS],
        When(age__isnull=False, then=Value(OVER)),
        default=Value(UNKNOWN), output_field=CharField(),
    ), age


def counts_for(courses) -> list[tuple]:
    """(project_id, month, measure, category, count, total) for the given courses, counted in the database."""
    rows = []
    ids = courses.values("pk")
    by_month = courses.annotate(month=TruncMonth("start_date"))
    for r in by_month.values("project_id", "month").annotate(n=Count("pk")):
        rows.append((r["project_id"], r["month"], M.COURSES, "", r["n"], 0))
    for r in by_month.values("project_id", "month", "gender").annotate(n=Count("pk")):
        rows.append((r["project_id"], r["month"], M.COURSES_BY_GENDER, r["gender"], r["n"], 0))
    band, age = _age_band()
    for r in by_month.annotate(age=age).annotate(band=band).values("project_id", "month", "band").annotate(
            n=Count("pk")):
        rows.append((r["project_id"], r["month"], M.COURSES_BY_AGE_BAND, r["band"], r["n"], 0))
    ended = courses.filter(end_date__isnull=False).annotate(month=TruncMonth("end_date"))
    for r in ended.values("project_id", "month", "end_reason").annotate(n=Count("pk")):
        rows.append((r["project_id"], r["month"], M.COURSES_ENDED, r["end_reason"], r["n"], 0))
    records = InterventionRecord.objects.filter(course__in=ids)
    for r in records.annotate(month=TruncMonth("date")).values("course__project_id", "month", "name").annotate(
            n=Count("pk")):
        rows.append((r["course__project_id"], r["month"], M.INTERVENTIONS, r["name"], r["n"], 0))
    for r in records.annotate(month=TruncMonth("course__start_date")).values(
            "course__project_id", "month", "name").annotate(n=Count("course", distinct=True)):
        rows.append((r["course__project_id"], r["month"], M.CITIZENS_PER_INTERVENTION, r["name"], r["n"], 0))
    referrals = Referral.objects.filter(course__in=ids).annotate(month=TruncMonth("date"))
    for r in referrals.values("course__project_id", "month", "target").annotate(n=Count("pk")):
        rows.append((r["course__project_id"], r["month"], M.REFERRALS, r["target"], r["n"], 0))
    answers = Who5Response.objects.filter(course__in=ids).annotate(month=TruncMonth("answered_on"))
    for r in answers.values("course__project_id", "month").annotate(n=Count("pk"), s=Sum("score")):
        rows.append((r["course__project_id"], r["month"], M.WHO5_ANSWERS, "", r["n"], r["s"] or 0))
    return rows


def _keep_counts(rows) -> None:
    for project_id, month, measure, category, n, total in rows:
        month = month.date() if hasattr(month, "date") and callable(month.date) else month
        row, _created = RetainedCount.objects.select_for_update().get_or_create(
            project_id=project_id, month=month, measure=measure, category=category or "",
        )
        RetainedCount.objects.filter(pk=row.pk).update(count=F("count") + n, total=F("total") + total)


@dataclass
class Deleted:
    code: str
    project: str
    end_date: date | None


def delete_courses(courses, *, action: str, request=None, by=None) -> list[Deleted]:
    """Keep the anonymous counts, then delete the courses with everything that hangs on them."""
    courses = list(courses.select_related("project"))
    if not courses:
        return []
    done = []
    with transaction.atomic():
        queryset = Course.objects.filter(pk__in=[c.pk for c in courses])
        _keep_counts(counts_for(queryset))
        for course in courses:
            log.record(request, action=action, user=by, course=course)
            done.append(Deleted(course.code, course.project.name, course.end_date))
        queryset.delete()
    return done


def apply_retention(*, today: date, dry_run: bool = False) -> list[Deleted]:
    courses = expired_courses(today).order_by("end_date", "code")
    if dry_run:
        return [Deleted(c.code, c.project.name, c.end_date) for c in courses]
    return delete_courses(courses, action=log.Action.RETENTION)


def erase_course(*, course, request, by) -> Deleted:
    """The citizen's right to erasure: the course goes now, only anonymous counts stay."""
    return delete_courses(Course.objects.filter(pk=course.pk), action=log.Action.ERASURE, request=request, by=by)[0]
