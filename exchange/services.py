"""Import and export of a project's history in the exchange format; shared by commands and views.

An import is all or nothing: the file is parsed and checked in full first; only a file
without problems is written, in one transaction. Importing the same file again updates
what is there and adds nothing twice (citizens are matched on their Borger-ID, kept as the
course's `project_ref`).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from brobygger import genders
from brobygger.spreadsheets import Sheet, write_csv, write_xlsx
from brobygger.text import clean_control_characters
from courses.models import InterventionRecord, Referral
from courses.services import add_courses, change_courses, make_referrals, record_interventions
from projects.models import Project
from projects.services import add_interventions
from wellbeing.models import Who5Response
from wellbeing.services import add_imported_answers, change_imported_answers

from . import formats
from .formats import Problem

BATCH = 2000


class ImportRefused(Exception):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    interventions_added: int = 0
    referrals_added: int = 0
    measurements_added: int = 0
    measurements_updated: int = 0
    new_catalogue_entries: list[str] = field(default_factory=list)


def name_key(name: str) -> str:
    """How a name in a file is matched to a stored one: on one line, as the reader takes a cell
    (a name stored with Word's line break exports as a line break and reads back as a space),
    without control characters, surrounding spaces and case."""
    return clean_control_characters(name).strip().casefold()


def _by_borger_id(rows: list) -> dict:
    """(course code, own id, value) rows -> Borger-ID -> value, case-insensitively. A Borger-ID is
    the course's own id (project_ref) or its course code, which the export writes for a course
    registered without an own id; an own id wins over a code that reads the same."""
    found = {code.casefold(): value for code, _ref, value in rows}
    found.update((ref.casefold(), value) for _code, ref, value in rows if ref)
    return found


def existing_courses(project: Project) -> dict:
    """Borger-ID -> course (to update it)."""
    return _by_borger_id([(c.code, c.project_ref, c) for c in project.courses.all()])


def course_ids(project: Project) -> dict:
    """Borger-ID -> course id (to know it)."""
    return _by_borger_id(list(project.courses.values_list("code", "project_ref", "pk")))


def new_catalogue_entries(project: Project, names) -> list[str]:
    known = {name_key(n) for n in project.interventions.values_list("name", flat=True)}
    return [n for n in names if name_key(n) not in known]


def referral_label(*, target: str, service_name: str, directory_name: str | None) -> str:
    """What the workbook's "Visiteret til andre tilbud" holds for a referral: the service's name as
    typed, else the directory's name, else the kind of service, in Danish (the format's language)."""
    if service_name:
        return service_name
    if directory_name:
        return directory_name
    with translation.override("da"):
        return str(Referral.Target(target).label)


def _referral_names(target: str, service_name: str, directory_name: str | None) -> set[str]:
    """Every name under which a stored referral may come back in a workbook: its name as typed, the
    directory's name, and its kind in each language (an export made in English says "Job centre"),
    each split on ";" as the reader splits the cell."""
    names = {service_name, directory_name or ""}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(str(Referral.Target(target).label))
    return {name_key(part) for name in names for part in name.split(";") if part.strip()}


def check_registrations(project: Project, data: bytes, *, time_limit: float | None = None) -> formats.Parsed:
    """Parse and check a workbook for `project` without storing anything; `time_limit` in seconds."""
    parsed = formats.read_registrations(data, time_limit=time_limit)
    if not parsed.problems and project.lead_organisation_id is None:
        parsed.problems.append(Problem(None, "", _("The project has no lead organisation to own the courses.")))
    if not parsed.problems:
        # One citizen twice: once by the own id and once by the course code.
        known, seen = course_ids(project), {}
        for r in parsed.rows:
            course_id = known.get(r.ref.casefold())
            if course_id is None:
                continue
            if course_id in seen:
                parsed.problems.append(Problem(r.row, formats.ID, _(
                    "The Borger-ID %(id)s is the same citizen as row %(other)s (own id and course id).")
                    % {"id": r.ref, "other": seen[course_id]}))
            seen[course_id] = r.row
    if not parsed.problems and parsed.measurements:
        _check_measurements(project, parsed)
    return parsed


def _check_measurements(project: Project, parsed: formats.Parsed) -> None:
    """Each measurement's Borger-ID is a citizen of the file or of the project, and a citizen has
    one start and one end measurement at most (the database's rule, outcomes.models)."""
    from outcomes.categories import Kind

    known = course_ids(project)
    in_file = {r.ref.casefold() for r in parsed.rows}
    seen = {}
    for m in parsed.measurements:
        key = m.ref.casefold()
        if key not in in_file and key not in known:
            parsed.problems.append(Problem(m.row, formats.ID, _(
                "Neither the sheet Borgere nor the project has a citizen with the Borger-ID %(id)s.")
                % {"id": formats._shown(m.ref)}, sheet=formats.INDICATOR_SHEET))
            continue
        if m.kind in (Kind.START, Kind.END):
            course = known.get(key, ("new", key))  # by own id and by course id: one course
            other = seen.setdefault((course, m.kind), m.row)
            if other != m.row:
                parsed.problems.append(Problem(m.row, formats.KIND, _(
                    "The same citizen already has a measurement of this kind in row %(other)s.") % {"other": other},
                    sheet=formats.INDICATOR_SHEET))


def import_registrations(*, project: Project, data: bytes, by=None, time_limit: float | None = None) -> ImportResult:
    parsed = check_registrations(project, data, time_limit=time_limit)
    if parsed.problems:
        raise ImportRefused(parsed.problems)
    return _store_registrations(project, parsed, by)


@transaction.atomic
def _store_registrations(project: Project, parsed: formats.Parsed, by) -> ImportResult:
    result = ImportResult()
    organisation = project.lead_organisation
    catalogue = {name_key(i.name): i for i in project.interventions.all()}
    new = {}  # name key -> the name as first written in the file
    for name in parsed.interventions:
        if name_key(name) not in catalogue:
            new.setdefault(name_key(name), name)
    result.new_catalogue_entries = list(new.values())
    catalogue.update(zip(new, add_interventions(project=project, names=result.new_catalogue_entries), strict=True))

    existing = existing_courses(project)
    new_rows = [r for r in parsed.rows if r.ref.casefold() not in existing]
    by_id = by.pk if by is not None else None
    ids = add_courses(project=project, organisation=organisation, by=by, rows=[
        {"project_ref": r.ref, "gender": r.gender, "age_at_start": r.age, "start_date": r.start, "end_date": r.end}
        for r in new_rows])
    result.created = len(ids)
    # What the intervention and referral rows need of each course: (id, start date, organisation).
    courses = {r.ref.casefold(): (pk, r.start, organisation.pk) for pk, r in zip(ids, new_rows, strict=True)}

    changed = {}
    for r in parsed.rows:
        course = existing.get(r.ref.casefold())
        if course is None:
            continue
        # The export writes the known age, which for a course registered with a birth year is
        # computed from it: the same age is no change.
        same_age = r.age == course.known_age_at_start or (r.age is None and course.age_at_start is None)
        values = {"gender": r.gender, "age_at_start": course.age_at_start if same_age else r.age,
                  "start_date": r.start, "end_date": r.end}
        if any(getattr(course, k) != v for k, v in values.items()):
            changed[course.pk] = values
        else:
            result.unchanged += 1
        courses[r.ref.casefold()] = (course.pk, r.start, course.organisation_id)
    change_courses(changes=changed)
    result.updated = len(changed)

    existing_ids = sorted({c.pk for c in existing.values()})
    had = set()
    referred = set()  # (course id, name key) of every name a stored referral may come back as
    trafficked = set()
    for i in range(0, len(existing_ids), BATCH):
        chunk = existing_ids[i:i + BATCH]
        had.update(InterventionRecord.objects.filter(course_id__in=chunk).values_list("course_id", "intervention_id"))
        for course_id, target, name, directory_name in Referral.objects.filter(course_id__in=chunk).values_list(
                "course_id", "target", "service_name", "directory_service__name"):
            if target == Referral.Target.ANTI_TRAFFICKING:
                trafficked.add(course_id)
            else:
                referred.update((course_id, key) for key in _referral_names(target, name, directory_name))
    records, referrals = [], []
    for r in parsed.rows:
        course_id, start, org = courses[r.ref.casefold()]
        for name in r.interventions:
            intervention = catalogue[name_key(name)]
            if (course_id, intervention.pk) not in had:
                had.add((course_id, intervention.pk))
                records.append({"course_id": course_id, "intervention_id": intervention.pk,
                                "name": intervention.name, "date": start, "organisation_id": org,
                                "created_by_id": by_id})
        wanted = []
        if r.trafficking and course_id not in trafficked:
            trafficked.add(course_id)
            wanted.append((Referral.Target.ANTI_TRAFFICKING, ""))
        wanted += [(Referral.Target.OTHER, name) for name in r.other_services]
        for target, name in wanted:
            if target == Referral.Target.OTHER:
                if (course_id, name_key(name)) in referred:
                    continue
                referred.add((course_id, name_key(name)))
            referrals.append({"course_id": course_id, "target": target, "service_name": name, "date": start,
                              "organisation_id": org, "created_by_id": by_id})
    result.interventions_added = record_interventions(rows=records)
    result.referrals_added = make_referrals(rows=referrals)
    if parsed.measurements:
        known = {key: course_id for key, (course_id, _start, _org) in courses.items()}
        _store_measurements(project, parsed.measurements, known, by, result)
    return result


def _store_measurements(project: Project, rows: list, in_file: dict, by, result: ImportResult) -> None:
    """Add or update the file's measurements. A start or end is matched to the course's own (there is
    one at most); a follow-up to one on the same date, the n-th of a date to the n-th stored."""
    from outcomes.categories import INDICATOR_FIELDS, Kind
    from outcomes.models import Measurement
    from outcomes.services import add_measurements, change_measurements

    known = {**course_ids(project), **in_file}
    course_ids_ = sorted({known[m.ref.casefold()] for m in rows})
    existing = defaultdict(list)
    for i in range(0, len(course_ids_), BATCH):
        for m in Measurement.objects.filter(course_id__in=course_ids_[i:i + BATCH]).order_by("pk"):
            existing[(m.course_id, m.kind) if m.kind != Kind.FOLLOW_UP else (m.course_id, m.kind, m.measured_on)
                     ].append(m)
    new, changed = [], {}
    taken = Counter()
    for row in rows:
        course_id = known[row.ref.casefold()]
        key = (course_id, row.kind) if row.kind != Kind.FOLLOW_UP else (course_id, row.kind, row.measured_on)
        stored = existing.get(key, [])
        measurement = stored[taken[key]] if taken[key] < len(stored) else None
        taken[key] += 1
        if measurement is None:
            new.append({"course_id": course_id, "measured_on": row.measured_on, "kind": row.kind, **row.answers})
        elif measurement.measured_on != row.measured_on or any(
                getattr(measurement, f) != row.answers[f] for f in INDICATOR_FIELDS):
            changed[measurement.pk] = {"measured_on": row.measured_on, **{f: row.answers[f] for f in INDICATOR_FIELDS}}
    result.measurements_added = add_measurements(rows=new, by=by)
    result.measurements_updated = change_measurements(changes=changed)


def check_who5(project: Project, data: bytes) -> tuple[formats.Parsed, dict]:
    parsed = formats.read_who5(data)
    known = course_ids(project)
    for row in parsed.rows:
        if row.ref and row.ref.casefold() not in known:
            parsed.problems.append(Problem(row.row, formats.ID, _(
                "The project has no citizen with the Borger-ID %(id)s. Import the registrations first.")
                % {"id": row.ref}))
    # Two answers of one citizen on one date are refused, unless the project holds as many on that
    # date already (answered twice in Brobygger, and now coming back from its own export).
    rows_on = defaultdict(list)
    for row in parsed.rows:
        if row.ref and row.answered_on and row.ref.casefold() in known:
            rows_on[(known[row.ref.casefold()], row.answered_on)].append(row.row)
    repeated = {key: rows for key, rows in rows_on.items() if len(rows) > 1}
    if repeated:
        stored = Counter(Who5Response.objects.filter(course_id__in={c for c, _d in repeated}).values_list(
            "course_id", "answered_on"))
        for key, rows in repeated.items():
            for number in rows[max(1, stored[key]):]:
                parsed.problems.append(Problem(number, formats.WHO5_DATE, _(
                    "The same citizen already has an answer on this date in row %(other)s.") % {"other": rows[0]}))
    parsed.problems.sort(key=lambda p: (p.row or 0))
    return parsed, known


def import_who5(*, project: Project, data: bytes, by=None) -> ImportResult:
    parsed, known = check_who5(project, data)
    if parsed.problems:
        raise ImportRefused(parsed.problems)
    return _store_who5(parsed, known, by)


@transaction.atomic
def _store_who5(parsed, known, by) -> ImportResult:
    result = ImportResult()
    course_ids = sorted({known[r.ref.casefold()] for r in parsed.rows})
    existing = defaultdict(list)  # (course, date) -> its answers in the order they were stored
    for i in range(0, len(course_ids), BATCH):
        for response in Who5Response.objects.filter(course_id__in=course_ids[i:i + BATCH]).order_by("pk"):
            existing[(response.course_id, response.answered_on)].append(response)
    new, changed = [], {}
    taken = Counter()  # the n-th row of a citizen and date is matched to the n-th stored answer
    for r in parsed.rows:
        course_id = known[r.ref.casefold()]
        key = (course_id, r.answered_on)
        on_date = existing.get(key, [])
        response = on_date[taken[key]] if taken[key] < len(on_date) else None
        taken[key] += 1
        if response is None:
            new.append((course_id, r.answered_on, r.answers))
        elif response.answers != r.answers:
            changed[response.pk] = r.answers
        else:
            result.unchanged += 1
    result.created = add_imported_answers(rows=new, by=by)
    result.updated = change_imported_answers(changes=changed)
    return result


# -- export --------------------------------------------------------------------------------

def registration_rows(project: Project):
    """Headers and rows of the project's registrations in the exchange format."""
    catalogue = list(project.interventions.order_by("pk"))
    headers = [*formats.FIXED_COLUMNS, *[i.name for i in catalogue]]
    received = {}
    for course_id, intervention_id in InterventionRecord.objects.filter(course__project=project).values_list(
            "course_id", "intervention_id").distinct():
        received.setdefault(course_id, set()).add(intervention_id)
    trafficking = set(Referral.objects.filter(course__project=project, target=Referral.Target.ANTI_TRAFFICKING)
                      .values_list("course_id", flat=True))
    others = {}
    for course_id, target, name, directory_name in Referral.objects.filter(course__project=project).exclude(
            target=Referral.Target.ANTI_TRAFFICKING).order_by("date", "pk").values_list(
            "course_id", "target", "service_name", "directory_service__name"):
        label = referral_label(target=target, service_name=name, directory_name=directory_name)
        if label not in others.setdefault(course_id, []):
            others[course_id].append(label)
    rows = []
    for course in project.courses.order_by("start_date", "pk"):
        got = received.get(course.pk, set())
        rows.append([
            course.project_ref or course.code,
            genders.workbook_word(course.gender),
            course.known_age_at_start,
            course.start_date,
            course.end_date,
            "Ja" if course.pk in trafficking else "Nej",
            "; ".join(others.get(course.pk, [])),
            *["x" if i.pk in got else "" for i in catalogue],
        ])
    return headers, rows


def measurement_rows(project: Project) -> list:
    """The project's exit indicator measurements as rows of the sheet "Indikatorer" (format version 2),
    answers as the categories' codes, in the order of the citizens in the sheet Borgere."""
    from outcomes.categories import INDICATOR_FIELDS
    from outcomes.models import Measurement

    return [[ref or code, day, kind, *answers] for ref, code, day, kind, *answers in Measurement.objects.filter(
        course__project=project).order_by("course__start_date", "course_id", "measured_on", "pk").values_list(
        "course__project_ref", "course__code", "measured_on", "kind", *INDICATOR_FIELDS)]


def export_registrations(project: Project) -> bytes:
    """The registration workbook in format version 2: Borgere first (a version 1 reader takes it by
    name or as the first sheet and never looks at the others), then Indikatorer, then Format."""
    headers, rows = registration_rows(project)
    return write_xlsx([
        Sheet("Borgere", headers, rows),
        Sheet(formats.INDICATOR_SHEET, formats.INDICATOR_COLUMNS, measurement_rows(project)),
        Sheet(formats.VERSION_SHEET, [formats.VERSION_LABEL, formats.FORMAT_VERSION]),
    ])


def export_who5(project: Project) -> bytes:
    rows = []
    for ref, code, day, *answers in Who5Response.objects.filter(course__project=project).order_by(
            "answered_on", "pk").values_list("course__project_ref", "course__code", "answered_on",
                                              "item1", "item2", "item3", "item4", "item5"):
        rows.append([ref or code, day.isoformat(), *answers])
    return write_csv(formats.WHO5_COLUMNS, rows)
