"""Reads shared by pages, indicators and the team meeting section. Aggregation happens in the database."""

from datetime import date

from django.db.models import Avg, Count, F, FloatField, Q, Sum
from django.db.models.functions import Cast, ExtractMonth, ExtractQuarter, ExtractYear

from brobygger.disclosure import THRESHOLD, apply, protect
from brobygger.rounding import round_half_up

from .models import Action, Advisor, Attempt, Attendance, Module, NetworkMeeting

QUARTERLY_GOAL = 4  # the network meets once a quarter


def modules_with_progress(user, *, include_drafts=False) -> list[dict]:
    modules = Module.objects.annotate(section_count=Count("sections"))
    if not include_drafts:
        modules = modules.filter(status=Module.Status.PUBLISHED)
    attempts = {a.module_id: a for a in Attempt.objects.filter(user=user)}
    return [{"module": m, "attempt": attempts.get(m.pk), "sections": m.section_count} for m in modules]


def _change():
    return Avg(Cast(F("rating_after"), FloatField()) - Cast(F("rating_before"), FloatField()))


def _completed(start: date | None = None, end: date | None = None, units=None):
    attempts = Attempt.objects.filter(completed_at__isnull=False)
    if start:
        attempts = attempts.filter(completed_at__date__gte=start)
    if end:
        attempts = attempts.filter(completed_at__date__lte=end)
    if units is not None:
        attempts = attempts.filter(unit__in=units)
    return attempts


def mean_change(n: int, change) -> float | None:
    """The mean change in self-rated knowledge, only for groups of 5 or more."""
    return round_half_up(change, 1) if change is not None and n >= THRESHOLD else None


def learning_followup(start: date | None = None, end: date | None = None) -> dict:
    """Completions per module, per unit and month, and the mean change in self-rated knowledge."""
    completed = _completed(start, end)
    per_module = [
        {"title": row["module__title"], "started": None, "completed": row["n"],
         "change": mean_change(row["n"], row["change"])}
        for row in completed.values("module__title", "module__order").annotate(n=Count("pk"), change=_change())
        .order_by("module__order", "module__title")
    ]
    started = dict(Attempt.objects.values_list("module__title").annotate(n=Count("pk")))
    for row in per_module:
        row["started"] = started.get(row["title"], 0)
    per_unit_month = [
        {"unit": row["unit__name"], "year": row["year"], "month": row["month"], "completed": row["n"],
         "change": mean_change(row["n"], row["change"])}
        for row in completed.annotate(year=ExtractYear("completed_at"), month=ExtractMonth("completed_at"))
        .values("unit__name", "year", "month").annotate(n=Count("pk"), change=_change())
        .order_by("year", "month", "unit__name")
    ]
    total = completed.aggregate(n=Count("pk"), change=_change())
    return {
        "per_module": per_module,
        "per_unit_month": per_unit_month,
        "completed": total["n"],
        "change": mean_change(total["n"], total["change"]),
        "threshold": THRESHOLD,
    }


def disclosed_followup(data: dict) -> dict:
    """The follow-up for a reader outside the projects (brobygger.disclosure): completions per module
    and per unit and month each add up to all completions, so a small one is hidden with another."""
    values = {"completed": data["completed"]}
    values.update({("module", i): row["completed"] for i, row in enumerate(data["per_module"])})
    values.update({("unit", i): row["completed"] for i, row in enumerate(data["per_unit_month"])})
    relations = [([("module", i) for i in range(len(data["per_module"]))], "completed"),
                 ([("unit", i) for i in range(len(data["per_unit_month"]))], "completed")]
    shown = apply(values, protect(values, relations))
    return {
        **data, "completed": shown["completed"],
        "per_module": [{**row, "completed": shown[("module", i)]} for i, row in enumerate(data["per_module"])],
        "per_unit_month": [{**row, "completed": shown[("unit", i)]} for i, row in enumerate(data["per_unit_month"])],
        "outside": True,
    }


# --- indicators (registered in apps.py) ---------------------------------------------------------

def completions_indicator(project, start, end):
    return _completed(start, end, units=project.organisations()).count()


def self_rated_change_indicator(project, start, end):
    total = _completed(start, end, units=project.organisations()).aggregate(n=Count("pk"), change=_change())
    return mean_change(total["n"], total["change"])


def self_rated_change_groups(project, start, end):
    """The people the mean change is over (brobygger.indicators)."""
    return (completions_indicator(project, start, end),)


def meetings_indicator(project, start, end):
    return NetworkMeeting.objects.filter(project=project, date__gte=start, date__lte=end).count()


# --- advisors --------------------------------------------------------------------------------

def advisors_by_unit() -> list[dict]:
    advisors = list(Advisor.objects.filter(active=True).select_related("organisation", "user"))
    completed = {}
    user_ids = {a.user_id for a in advisors if a.user_id}
    for user_id, title in (Attempt.objects.filter(user_id__in=user_ids, completed_at__isnull=False)
                           .order_by("module__order").values_list("user_id", "module__title")):
        completed.setdefault(user_id, []).append(title)
    units: dict = {}
    for advisor in advisors:
        advisor.completed_modules = completed.get(advisor.user_id, [])
        units.setdefault(advisor.unit, []).append(advisor)
    return [{"unit": unit, "advisors": people} for unit, people in sorted(units.items())]


# --- the network ---------------------------------------------------------------------------------

def carried_actions(meeting: NetworkMeeting):
    """Actions from earlier meetings of the same network that were still open when this one was held."""
    return (Action.objects.filter(meeting__project=meeting.project_id, meeting__date__lt=meeting.date)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=meeting.date))
            .select_related("meeting"))


def open_actions(project):
    return Action.objects.filter(meeting__project=project, closed_on__isnull=True).select_related("meeting")


def network_year(year: int, project=None, projects=None) -> dict:
    """The year's meetings against the goal, of one `project` or of the `projects` (ids) a reader may see."""
    meetings = NetworkMeeting.objects.filter(date__year=year)
    attendance = Attendance.objects.filter(meeting__date__year=year)
    if project is not None:
        meetings = meetings.filter(project=project)
        attendance = attendance.filter(meeting__project=project)
    if projects is not None:
        meetings = meetings.filter(project__in=projects)
        attendance = attendance.filter(meeting__project__in=projects)
    per_quarter = dict(meetings.annotate(q=ExtractQuarter("date")).values_list("q").annotate(n=Count("pk")))
    quarters = [{"quarter": q, "held": per_quarter.get(q, 0), "met": per_quarter.get(q, 0) >= 1} for q in range(1, 5)]
    by_organisation = list(
        attendance.values("organisation__name").annotate(meetings=Count("meeting", distinct=True), people=Sum("people"))
        .order_by("-meetings", "organisation__name")
    )
    held = sum(q["held"] for q in quarters)
    return {
        "year": year, "quarters": quarters, "held": held, "goal": QUARTERLY_GOAL,
        "quarters_met": sum(q["met"] for q in quarters), "by_organisation": by_organisation,
        "meetings": meetings.order_by("date"),
    }
