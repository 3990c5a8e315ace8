"""Writes on the exit indicators: the one way a measurement is recorded (the form and the import)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.services import check_course_date

from .categories import INDICATORS, Kind
from .models import Measurement


def check_answers(answers: dict) -> dict:
    """Every indicator answered with one of its fixed answers; nothing else."""
    unknown = set(answers) - {i.field for i in INDICATORS}
    if unknown:
        raise ValidationError(_("Unknown indicator: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    errors = {}
    for indicator in INDICATORS:
        if answers.get(indicator.field) not in indicator.choices.values:
            errors[indicator.field] = _("Choose an answer (there is always \"unknown\").")
    if errors:
        raise ValidationError(errors)
    return {i.field: answers[i.field] for i in INDICATORS}


def check_date(*, course, measured_on: date, today: date | None = None) -> None:
    """Within the course, as every record of what happened on it (courses.services.check_course_date)."""
    check_course_date(course=course, day=measured_on, field="measured_on", today=today)


def record_measurement(*, course, by, measured_on: date, kind: str, answers: dict,
                       today: date | None = None) -> Measurement:
    """Record the indicators of `course` on `measured_on`. A course has one start and one end
    measurement; a second one of either is refused (change nothing silently)."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose start, follow-up or end.")})
    check_date(course=course, measured_on=measured_on, today=today)
    clean = check_answers(answers)
    if kind in (Kind.START, Kind.END) and course.measurements.filter(kind=kind).exists():
        raise ValidationError({"kind": _("This course already has a measurement of this kind.")})
    try:
        with transaction.atomic():
            return Measurement.objects.create(course=course, measured_on=measured_on, kind=kind,
                                              recorded_by=by, **clean)
    except IntegrityError:  # two submissions at the same moment: the constraint decides
        raise ValidationError({"kind": _("This course already has a measurement of this kind.")}) from None


def suggested_kind(course) -> str:
    """What the form offers first: start if there is none yet, end for an ended course, else follow-up."""
    kinds = set(course.measurements.values_list("kind", flat=True))
    if Kind.START not in kinds:
        return Kind.START
    if course.end_date and Kind.END not in kinds:
        return Kind.END
    return Kind.FOLLOW_UP


# -- many at once: the import (exchange) stores a project's measurements with these ------------------
BATCH = 2000


def add_measurements(*, rows: list[dict], by=None) -> int:
    """New measurements, many at once: each row holds course_id, measured_on, kind and every
    indicator's answer, checked by the caller (the database refuses an answer outside the list and
    a second start or end); how many."""
    Measurement.objects.bulk_create([Measurement(**row, recorded_by=by) for row in rows], batch_size=BATCH)
    return len(rows)


def change_measurements(*, changes: dict[int, dict]) -> int:
    """New values for many measurements: measurement id -> {field: value}, the same fields for each; how many."""
    if changes:
        fields = list(next(iter(changes.values())))
        Measurement.objects.bulk_update([Measurement(pk=pk, **values) for pk, values in changes.items()], fields,
                                        batch_size=BATCH)
    return len(changes)
