"""Writes on courses: small keyword-only functions that views, commands and importers share."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.bulk import insert_rows

from .consent import require_referral_consent
from .models import (
    MINIMUM_AGE,
    BreakGlass,
    Consent,
    Course,
    InterventionRecord,
    Referral,
    new_course_code,
    new_course_codes,
)
from .selectors import responsible_candidates

UNDER_AGE_MESSAGE = gettext_lazy(
    "Brobygger is for adults (18 or older). Citizens under 18 belong to the municipality's "
    "services for children and young people: contact them instead."
)


def check_adult(*, age_at_start: int | None, birth_year: int | None, start_date: date | None) -> None:
    """Refuse a course for someone under 18, with an explanation of where they belong."""
    if age_at_start is not None and age_at_start < MINIMUM_AGE:
        raise ValidationError({"age_at_start": UNDER_AGE_MESSAGE}, code="under_age")
    if birth_year is not None and start_date is not None and start_date.year - birth_year < MINIMUM_AGE:
        raise ValidationError({"birth_year": UNDER_AGE_MESSAGE}, code="under_age")


def check_project_ref_free(course: Course) -> None:
    """The project's own id names one course only (the database constraint backs this)."""
    if course.project_ref and Course.objects.filter(
        project_id=course.project_id, project_ref=course.project_ref
    ).exclude(pk=course.pk).exists():
        raise ValidationError({"project_ref": _("Another course of the project already has this id.")},
                              code="unique")


def _save_with_new_code(course: Course) -> Course:
    for _attempt in range(20):
        course.code = new_course_code(course.project.code_prefix)
        try:
            with transaction.atomic():
                course.save()
            return course
        except IntegrityError:
            if Course.objects.filter(code=course.code).exists():
                continue
            raise
    raise RuntimeError("Could not find a free course id; widen CODE_LENGTH.")


def register_course(
    *,
    project,
    organisation,
    by,
    start_date: date,
    gender: str = "unknown",
    age_at_start: int | None = None,
    birth_year: int | None = None,
    project_ref: str = "",
) -> Course:
    check_adult(age_at_start=age_at_start, birth_year=birth_year, start_date=start_date)
    course = Course(
        project=project,
        organisation=organisation,
        created_by=by,
        start_date=start_date,
        gender=gender,
        age_at_start=age_at_start,
        birth_year=birth_year,
        project_ref=project_ref,
    )
    if by is not None and responsible_candidates(course).filter(pk=by.pk).exists():
        course.responsible = by
    check_project_ref_free(course)
    course.full_clean(exclude=["code"])
    return _save_with_new_code(course)


def update_course(*, course: Course, by, **fields) -> Course:
    for name, value in fields.items():
        setattr(course, name, value)
    check_adult(age_at_start=course.age_at_start, birth_year=course.birth_year, start_date=course.start_date)
    if course.end_date is None:
        course.end_reason = ""
    check_project_ref_free(course)
    course.full_clean()
    course.save()
    return course


def set_responsible(*, course: Course, responsible, by) -> Course:
    """Make `responsible` (or no one, with None) the course's responsible worker. Only the staff of the
    course's organisation may be (selectors.responsible_candidates); who may reassign is the view's
    question (access.can_reassign_course)."""
    if responsible is not None and not responsible_candidates(course).filter(pk=responsible.pk).exists():
        raise ValidationError(_("Only a worker of %(organisation)s in the project can be responsible for the course.")
                              % {"organisation": course.organisation})
    course.responsible = responsible
    course.save(update_fields=["responsible", "updated_at"])
    return course


def check_course_date(*, course: Course, day: date, field: str, today: date | None = None) -> None:
    """What happened on a course is dated within it: not in the future, not before the course
    started, not after it ended (late entries for the time it ran are fine; nothing happens on a
    course after its end). The one place of the rule: interventions (the page's form and the
    service) and the exit indicators (outcomes) ask it. Raises ValidationError({field: ...})."""
    today = today or timezone.localdate()
    if day > today:
        message = _("The date cannot be in the future.")
    elif day < course.start_date:
        message = _("The date cannot be before the course started.")
    elif course.end_date and day > course.end_date:
        message = _("The date cannot be after the course ended.")
    else:
        return
    raise ValidationError({field: message})


def record_intervention(*, course: Course, intervention, organisation, by, on: date, note: str = "") -> InterventionRecord:
    if intervention.project_id != course.project_id:
        raise ValidationError({"intervention": _("The intervention is not in this project's catalogue.")})
    check_course_date(course=course, day=on, field="date")
    record = InterventionRecord(
        course=course, intervention=intervention, name=intervention.name, organisation=organisation,
        date=on, note=note, created_by=by,
    )
    record.full_clean()
    record.save()
    return record


def make_referral(
    *, course: Course, target: str, organisation, by, on: date, service_name: str = "", status: str = "requested",
    note: str = "", shared_with=None, directory_service=None,
) -> Referral:
    """`shared_with`: the organisation information about the citizen is passed on to, if any.

    That needs the citizen's consent to pass information on to that very organisation, standing
    today (not withdrawn, whatever `on` says) and given by `on`. The referral records to whom and
    under which consent, so that the citizen's access request lists it.
    """
    with transaction.atomic():
        consent = None
        if shared_with is not None:
            consent = require_referral_consent(course, shared_with, on, lock=True)
        referral = Referral(
            course=course, target=target, service_name=service_name, status=status, date=on,
            organisation=organisation, note=note, created_by=by, directory_service=directory_service,
            shared_with=shared_with, consent=consent,
        )
        referral.full_clean()
        referral.save()
    return referral


def set_referral_status(*, referral: Referral, status: str, by, on: date | None = None) -> Referral:
    referral.status = status
    referral.status_changed_on = on or timezone.localdate()
    referral.full_clean()
    referral.save(update_fields=["status", "status_changed_on"])
    return referral


def record_consent(*, course: Course, organisation, scope: str, given_on: date, by) -> Consent:
    consent = Consent(course=course, organisation=organisation, scope=scope, given_on=given_on, recorded_by=by)
    consent.full_clean()
    consent.save()
    return consent


def withdraw_consent(*, consent: Consent, by, on: date | None = None) -> Consent:
    """Withdrawal takes effect at once: the partner loses access with this save."""
    consent.withdrawn_on = on or timezone.localdate()
    if consent.withdrawn_on < consent.given_on:
        consent.withdrawn_on = consent.given_on
    consent.save(update_fields=["withdrawn_on"])
    return consent


BREAK_GLASS_MINIMUM_REASON = 20


def break_glass(*, course: Course, user, reason: str, request=None) -> BreakGlass:
    """Open `course` to a caseworker of its project for settings.BREAK_GLASS_HOURS, with a reason.

    The opening goes into the access log (action "break_glass"); the reason stays here, where the
    project's coordinator reads it on the team meeting page.
    """
    from audit import log

    from .access import may_break_glass

    if not may_break_glass(user, course):
        raise PermissionDenied("Only a caseworker of the project breaks glass, for an open course.")
    reason = " ".join(reason.split())
    if len(reason) < BREAK_GLASS_MINIMUM_REASON:
        raise ValidationError({"reason": _("Say in a sentence why you need the course now.")}, code="too_short")
    organisation = next(m.organisation for m in user.memberships_in(course.project) if m.can_break_glass)
    now = timezone.now()
    access = BreakGlass(course=course, user=user, organisation=organisation, reason=reason, opened_at=now,
                        expires_at=now + timedelta(hours=settings.BREAK_GLASS_HOURS))
    access.full_clean()
    with transaction.atomic():
        access.save()
        log.record(request, action=log.Action.BREAK_GLASS, user=user, course=course,
                   detail=f"opened; open until {timezone.localtime(access.expires_at):%Y-%m-%d %H:%M}")
    return access


# -- many at once: the import (exchange) stores a project's history with these ----------------------
# Rows are plain dicts of field attnames (`course_id`, not `course`), checked by the caller first:
# like bulk_create they run no save() and no validators (brobygger.bulk), while the database's
# constraints and the audit history's triggers still hold. Call them inside one transaction.

BATCH = 2000  # ids per `IN (...)`, under SQLite's limit on parameters


def add_courses(*, project, organisation, rows: list[dict], by=None) -> list[int]:
    """New courses of `project` owned by `organisation`, each with a new course code; their ids in
    the order of `rows`. A row holds the course's own fields (project_ref, gender, age_at_start,
    start_date, end_date)."""
    codes = new_course_codes(project.code_prefix, len(rows))
    insert_rows(Course, (
        {**row, "project_id": project.pk, "code": code, "organisation_id": organisation.pk,
         "created_by_id": by.pk if by is not None else None}
        for code, row in zip(codes, rows, strict=True)))
    ids = {}
    for i in range(0, len(codes), BATCH):  # the new ids, by their (unique) codes
        ids.update(Course.objects.filter(code__in=codes[i:i + BATCH]).values_list("code", "pk"))
    return [ids[code] for code in codes]


def change_courses(*, changes: dict[int, dict]) -> None:
    """New values for many courses: course id -> {field: value}, the same fields for every course.
    A course left without an end date keeps no end reason."""
    if not changes:
        return
    fields = list(next(iter(changes.values())))
    courses = [Course(pk=pk, **values) for pk, values in changes.items()]
    if "end_date" in fields and "end_reason" not in fields:
        fields.append("end_reason")
        for course in courses:  # in the same statement: the history records one change per course
            course.end_reason = "" if course.end_date is None else F("end_reason")
    Course.objects.bulk_update(courses, fields, batch_size=BATCH)


def record_interventions(*, rows: list[dict]) -> int:
    """Interventions received, many at once (course_id, intervention_id, name, date, organisation_id,
    created_by_id); how many."""
    return insert_rows(InterventionRecord, rows)


def make_referrals(*, rows: list[dict]) -> int:
    """Referrals, many at once (course_id, target, service_name, date, organisation_id, created_by_id);
    how many. They pass nothing on: a referral that does needs the citizen's consent (make_referral)."""
    if any(row.get("shared_with_id") or row.get("consent_id") for row in rows):
        raise ValueError("A referral that passes information on is made one at a time, with consent.")
    return insert_rows(Referral, rows)


def erase_courses(*, course_ids) -> None:
    """Delete the courses with everything that hangs on them (interventions, referrals, consents,
    WHO-5 answers and invitations, measurements: their models cascade from the course)."""
    Course.objects.filter(pk__in=list(course_ids)).delete()
