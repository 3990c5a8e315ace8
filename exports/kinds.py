"""What each kind of export puts in its file. One function per kind, called when the export is
asked for: the file is made once, so the approver's preview and the download are the same bytes."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from .models import ExportRequest

Kind = ExportRequest.Kind
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


@dataclass
class Produced:
    data: bytes
    filename: str
    content_type: str
    row_count: int
    courses: QuerySet | None = None  # the courses with a row in the file
    parameters: dict = field(default_factory=dict)


def registrations(project, parameters, by) -> Produced:
    from exchange import services
    from outcomes.models import Measurement

    courses = project.courses.all()
    # The sheet Borgere (one row per course) and the sheet Indikatorer (one per measurement).
    rows = courses.count() + Measurement.objects.filter(course__project=project).count()
    return Produced(services.export_registrations(project), f"registrering-{project.slug}.xlsx", XLSX,
                    row_count=rows, courses=courses)


def who5(project, parameters, by) -> Produced:
    from exchange import services
    from wellbeing.models import Who5Response

    return Produced(services.export_who5(project), f"who5-{project.slug}.csv", CSV,
                    row_count=Who5Response.objects.filter(course__project=project).count(),
                    courses=project.courses.filter(who5_responses__isnull=False).distinct())


def outreach_followup(project, parameters, by) -> Produced:
    """The follow-up workbook with the business courses' rows (place and topic as typed), for the
    project's own coordinator: exact numbers, the period chosen on the follow-up page."""
    from outreach import export, selectors

    start, end = _period(parameters)
    data = selectors.followup(project, start, end, suppressed=False)
    return Produced(export.followup_workbook(data, rows=True),
                    f"outreach-{project.slug}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", XLSX,
                    row_count=len(data.business_courses), parameters={"start": str(start), "end": str(end)})


def access_log(project, parameters, by) -> Produced:
    """The project's part of the access log the coordinator may read, with the filter they chose."""
    from django.db.models import Q

    from audit.access import visible_events
    from audit.forms import AuditFilterForm
    from audit.selectors import EXPORT_LIMIT, events_csv, filter_events
    from courses.models import Course

    form = AuditFilterForm(parameters)
    criteria = form.cleaned_data if form.is_valid() else {}
    events = filter_events(visible_events(by).filter(Q(project_id=project.pk) | Q(project_id__isnull=True)),
                           criteria)
    codes = events.exclude(course_code="").values("course_code")
    return Produced(events_csv(events), f"access-log-{project.slug}.csv", CSV,
                    row_count=min(events.count(), EXPORT_LIMIT),
                    courses=Course.objects.filter(project=project, code__in=codes),
                    parameters={k: str(v) for k, v in criteria.items() if v})


PRODUCERS: dict[str, Callable] = {
    Kind.REGISTRATIONS: registrations,
    Kind.WHO5: who5,
    Kind.OUTREACH_FOLLOWUP: outreach_followup,
    Kind.ACCESS_LOG: access_log,
}


def produce(kind: str, project, parameters: dict, by) -> Produced:
    return PRODUCERS[kind](project, parameters, by)


def _period(parameters):
    from outreach.forms import PeriodForm

    return PeriodForm(parameters).period()


def parameters(kind: str | None, query) -> dict:
    """The kind's own choices (a period, a filter) from the address the request page was opened with."""
    if kind == Kind.OUTREACH_FOLLOWUP:
        start, end = _period(query)
        return {"start": str(start), "end": str(end)}
    if kind == Kind.ACCESS_LOG:
        from audit.forms import AuditFilterForm

        form = AuditFilterForm(query)
        return {k: str(v) for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    return {}


def describe(kind: str | None, params: dict) -> list[tuple[str, str]]:
    """The chosen parameters as (label, value) lines for the request page."""
    from django.utils.translation import gettext as _

    if kind == Kind.OUTREACH_FOLLOWUP:
        return [(_("Period"), f"{params['start']} – {params['end']}")]
    if kind == Kind.ACCESS_LOG:
        return [(_("Chosen filter"), "; ".join(f"{k}={v}" for k, v in params.items()) or _("the whole log"))]
    return []
