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


PRODUCERS: dict[str, Callable] = {
    Kind.REGISTRATIONS: registrations,
    Kind.WHO5: who5,
}


def produce(kind: str, project, parameters: dict, by) -> Produced:
    return PRODUCERS[kind](project, parameters, by)


def parameters(kind: str | None, query) -> dict:
    """The kind's own choices (a period, a filter) from the address the request page was opened with."""
    return {}


def describe(kind: str | None, params: dict) -> list[tuple[str, str]]:
    """The chosen parameters as (label, value) lines for the request page."""
    return []
