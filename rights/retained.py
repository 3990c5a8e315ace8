"""The anonymous figures deleted courses leave behind, and the reports' share of them.

`figures_of(courses, ...)` turns courses about to be deleted into `RetainedCount` rows;
`retained_for(project, period_start, as_of)` gives a report what those rows add to its
period, in one query. The report adds them to what it counts of the courses still there,
so a report whose period ended before a deletion gives the same figures after it.

Every figure of the report is, per course, something that starts to count on a date and
then keeps counting (the course itself from its start, an intervention from its first
record, the k-th WHO-5 answer from its date). A report for the period (start, end) counts
the courses that started by `end` and did not end before `start`:

    counted(start, end) = [everything that started counting by end]
                        - [what courses that ended before start had counted by end]

The first part needs only the month a figure starts counting ("starting" rows); the second
only the month the course ended (and, for an event after the course's end, its month too:
"ending" rows). Neither part crosses two categories. The length of a course grows with the
report date, so it is kept as sums of start and end days (length = end - start, with the
report date standing in for the end of a course still open then). See docs/rights.md.
"""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial, reduce

from django.db.models import Count, F, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from brobygger import agebands
from courses.models import InterventionRecord, Referral
from outcomes.categories import INDICATOR_FIELDS
from outcomes.models import Measurement
from wellbeing.models import SIGNIFICANT_CHANGE, Who5Response
from wellbeing.rounds import ANSWER_ORDER, answered_rounds, overdue_from, scheduled

from .models import RetainedCount

M = RetainedCount.Measure
# Written before December 2026: not enough to reproduce a report (see the model).
LEGACY = {M.COURSES, M.COURSES_BY_GENDER, M.COURSES_BY_AGE_BAND, M.COURSES_ENDED, M.INTERVENTIONS,
          M.CITIZENS_PER_INTERVENTION, M.REFERRALS, M.WHO5_ANSWERS}
# Kept for the budget's indicators only; the report reads none of them.
INDICATOR_ONLY = {M.REFERRALS_STARTED, M.WHO5_FOLLOW_UP, M.WHO5_LATEST, M.WHO5_LATEST_RISEN}
# The report counts "reached n different interventions" up to this n ("4 or more").
INTERVENTIONS_REACHED_MAX = 4


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


# -- writing -------------------------------------------------------------------------------

Key = tuple  # (project_id, month, ended, until, measure, category)


def figures_of(courses, *, today: date) -> dict[Key, list[int]]:
    """{(project_id, month, ended, until, measure, category): [count, sum]} for `courses`.

    A course still open (erasure) counts as ended `today`: reports up to today are unchanged,
    and later ones do not count its length on for ever.
    """
    rows: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    listed = list(
        courses.order_by("pk")
        .annotate(age=Coalesce("age_at_start", ExtractYear("start_date") - F("birth_year")))
        .values_list("pk", "project_id", "start_date", "end_date", "age", "gender", "project__who5_interval_months",
                     "project__end_date")
    )
    ids = [row[0] for row in listed]
    records = (InterventionRecord.objects.filter(course_id__in=ids, intervention__project_id=F("course__project_id"))
               .values("course_id", "intervention_id").annotate(first=Min("date")).order_by())
    by_intervention = defaultdict(list)
    for r in records:
        by_intervention[r["course_id"]].append((r["intervention_id"], r["first"]))
    trafficking = dict(
        Referral.objects.filter(course_id__in=ids, target=Referral.Target.ANTI_TRAFFICKING)
        .values("course_id").annotate(first=Min("date")).order_by().values_list("course_id", "first")
    )
    answers = defaultdict(list)  # per course, (day, score) by answer number (wellbeing.rounds)
    for course_id, day, score in (Who5Response.objects.filter(course_id__in=ids)
                                  .order_by("course_id", *ANSWER_ORDER)
                                  .values_list("course_id", "answered_on", "score")):
        answers[course_id].append((day, score))
    measured = defaultdict(list)  # per course, (day, answers) in the order outcomes.selectors takes them
    for course_id, day, *values in (Measurement.objects.filter(course_id__in=ids).order_by("course_id", "measured_on", "pk")
                                    .values_list("course_id", "measured_on", *INDICATOR_FIELDS)):
        measured[course_id].append((day, values))

    for pk, project_id, start, end_date, age, gender, interval, project_end in listed:
        end = end_date or max(today, start)  # an erased course that had not started yet: ended on its start
        add = partial(_add, rows, project_id, start, end)

        add(M.CITIZENS, on=start)
        add(M.AGE, agebands.band_of(age), on=start, total=age or 0)
        add(M.GENDER, gender, on=start)
        if end_date is not None and end_date == start:
            add(M.SINGLE_DAY, on=start)
        else:
            add(M.LENGTH_STARTED, on=start, total=start.toordinal(), ending=False)
            add(M.LENGTH_ENDED, on=end, total=end.toordinal(), ending=False)
            row = rows[(project_id, first_of_month(end), first_of_month(end), None, M.LENGTH, "")]
            row[0] += 1
            row[1] += (end - start).days
        reached = sorted((max(first, start), intervention) for intervention, first in by_intervention[pk])
        for intervention_day, intervention in reached:
            add(M.INTERVENTION, intervention, on=intervention_day)
        for n, (day, _intervention) in enumerate(reached[:INTERVENTIONS_REACHED_MAX], start=1):
            add(M.INTERVENTIONS_REACHED, n, on=day)
        if pk in trafficking:
            add(M.TRAFFICKING, on=trafficking[pk])
        for n, (day, score) in enumerate(answers[pk], start=1):
            first = answers[pk][0][1]
            add(M.WHO5_ANSWER, n, on=day, total=score)
            add(M.WHO5_FIRST, n, on=day, total=first)
            add(M.WHO5_SQUARES, n, on=day, total=(score - first) ** 2)
        last_due = min(day for day in (end, end_date, project_end) if day is not None)
        _who5_indicators(rows, project_id, start, last_due, interval, answers[pk])
        _indicator_pairs(add, measured[pk])

    started = (Referral.objects.filter(course_id__in=ids, status=Referral.Status.STARTED)
               .annotate(day=Coalesce("status_changed_on", "date")).values_list("course__project_id", "day"))
    for project_id, day in started:  # the budget's indicator, by the day the referral started
        rows[(project_id, first_of_month(day), None, None, M.REFERRALS_STARTED, "")][0] += 1
    return dict(rows)


def _add(rows, project_id, start, end, measure, category="", *, on, total=0, ending=True, until=None):
    """One figure of one course: a starting row from `on`, and an ending row for its end; both stop
    counting at `until` (the first of a month) when given."""
    on = max(on, start)  # the report counts a course only from its start
    if until is not None and until <= first_of_month(on):
        return  # replaced within its own month: no report of whole months ever counts it
    row = rows[(project_id, first_of_month(on), None, until, measure, str(category))]
    row[0] += 1
    row[1] += total
    if ending and (until is None or until > first_of_month(max(on, end))):
        row = rows[(project_id, first_of_month(max(on, end)), first_of_month(end), until, measure, str(category))]
        row[0] += 1
        row[1] += total


def _indicator_pairs(add, measured) -> None:
    """Rows for the exit indicators' paired change (outcomes.selectors), which compares a course's
    first measurement with its latest up to the report date: measurement j (j >= 2) is the latest
    from its date until the next one's. Per indicator one row, category "field:first:latest", so
    a row holds one cell of one transition table and never joins two indicators of a person."""
    if len(measured) < 2:
        return
    first = measured[0][1]
    for j in range(1, len(measured)):
        day, latest = measured[j]
        until = first_of_month(measured[j + 1][0]) if j + 1 < len(measured) else None
        for field_name, a, b in zip(INDICATOR_FIELDS, first, latest, strict=True):
            add(M.INDICATOR_PAIR, f"{field_name}:{a}:{b}", on=day, until=until)


def _who5_indicators(rows, project_id, start: date, last_due: date, interval: int, answers) -> None:
    """Rows for the budget's WHO-5 indicators (wellbeing.indicators), which count per period end:

    * response rate: follow-up k is the one a period ending on `until` counts from the day it
      counts as due (its date if answered, else the day its grace is over: wellbeing.rounds.overdue_from) until the
      next one does; the period must start by its due date. Category: answered, missed, or
      missed_prev (missed, due in the month before the row's month).
    * paired change: answer j (j >= 2) is the course's latest from its date until the next
      answer's; the period must start by its date. Sum: its change from the first answer.
    """
    done = answered_rounds(start, interval, [day for day, _score in answers])
    counts_from = [(k, day, day if k in done else overdue_from(day))
                   for k, day in scheduled(start, interval, last_due) if k >= 1]
    for i, (k, due, since) in enumerate(counts_from):
        until = first_of_month(counts_from[i + 1][2]) if i + 1 < len(counts_from) else None
        category = "answered" if k in done else "missed" if first_of_month(due) == first_of_month(since) else "missed_prev"
        rows[(project_id, first_of_month(since), None, until, M.WHO5_FOLLOW_UP, category)][0] += 1
    for j, (day, score) in enumerate(answers[1:], start=1):
        until = first_of_month(answers[j + 1][0]) if j + 1 < len(answers) else None
        row = rows[(project_id, first_of_month(day), None, until, M.WHO5_LATEST, "")]
        row[0] += 1
        row[1] += score - answers[0][1]
        if score - answers[0][1] >= SIGNIFICANT_CHANGE:
            rows[(project_id, first_of_month(day), None, until, M.WHO5_LATEST_RISEN, "")][0] += 1


def keep(rows: dict[Key, list[int]]) -> None:
    """Add `rows` to the stored ones (inside the caller's transaction)."""
    for (project_id, month, ended, until, measure, category), (count, total) in sorted(
            rows.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or date.min, item[0][3] or date.min,
                                            *item[0][4:])):
        existing = RetainedCount.objects.select_for_update().filter(
            project_id=project_id, month=month, ended=ended, until=until, measure=measure, category=category).first()
        if existing is None:
            RetainedCount.objects.create(project_id=project_id, month=month, ended=ended, until=until,
                                         measure=measure, category=category, count=count, total=total)
        else:
            RetainedCount.objects.filter(pk=existing.pk).update(count=F("count") + count, total=F("total") + total)


# -- reading -------------------------------------------------------------------------------

@dataclass
class Retained:
    """What deleted courses add to one report: {(measure, category): (count, sum)}."""

    figures: dict = field(default_factory=dict)
    whole_months: bool = True  # False: the period cuts a month that holds retained figures
    legacy: bool = False  # rows written before December 2026, which no report can use

    def count(self, measure, category="") -> int:
        return self.figures.get((str(measure), str(category)), (0, 0))[0]

    def total(self, measure, category="") -> int:
        return self.figures.get((str(measure), str(category)), (0, 0))[1]

    def by_category(self, measure) -> dict[str, tuple[int, int]]:
        return {category: value for (m, category), value in self.figures.items() if m == str(measure)}

    def indicator_pairs(self) -> dict[tuple[str, str, str], int]:
        """{(indicator, first answer, latest answer): courses} for outcomes.selectors.add_pairs."""
        return {tuple(category.split(":", 2)): count
                for category, (count, _total) in self.by_category(M.INDICATOR_PAIR).items() if count}

    def length_days(self, as_of: date) -> int:
        """Days from start to end (or to `as_of`) of the longer courses counted."""
        running = self.count(M.LENGTH_STARTED) - self.count(M.LENGTH_ENDED)
        return (as_of.toordinal() * running - self.total(M.LENGTH_STARTED) + self.total(M.LENGTH_ENDED)
                + self.total(M.LENGTH))

    def length_courses(self) -> int:
        return self.count(M.LENGTH_STARTED) + self.count(M.LENGTH)


def retained_for(project, period_start: date | None, as_of: date) -> Retained:
    """What the project's deleted courses add to the report for (period_start, as_of). One query.

    Exact when the period starts on the first of a month and ends on the last day of one, or
    when no deleted course has a figure in the months the period cuts (`whole_months`).
    """
    starting = Q(ended__isnull=True)
    sums = {"count_in": Sum("count", filter=starting, default=0), "total_in": Sum("total", filter=starting, default=0)}
    counted = starting
    if period_start:
        ending = Q(ended__lt=period_start)
        counted |= ending
        sums.update(count_out=Sum("count", filter=ending, default=0), total_out=Sum("total", filter=ending, default=0))
    else:
        sums.update(count_out=Value(0), total_out=Value(0))
    # Rows the period's first or last month cuts through: their figures may fall on either side.
    cut = []
    if as_of != last_of_month(as_of):
        # (A row that stops counting in that month is followed by one that starts in it: that one is seen.)
        cut.append(Q(month=first_of_month(as_of)))
    if period_start and period_start != first_of_month(period_start):
        cut.append(Q(ended=first_of_month(period_start)))
    if cut:
        sums["cut"] = Count("pk", filter=counted & reduce(operator.or_, cut))
    # A row with `until` (the exit indicators' latest answer) has stopped counting by then.
    rows = (RetainedCount.objects.filter(Q(until__isnull=True) | Q(until__gt=as_of), project=project, month__lte=as_of)
            .exclude(measure__in=INDICATOR_ONLY)
            .order_by()
            .values("measure", "category").annotate(**sums))
    retained = Retained()
    for r in rows:
        if r["measure"] in LEGACY:
            retained.legacy = True
            continue
        if r.get("cut"):
            retained.whole_months = False
        retained.figures[(r["measure"], r["category"])] = (int(r["count_in"]) - int(r["count_out"]),
                                                          int(r["total_in"]) - int(r["total_out"]))
    return retained


def retained_between(project, measure, start: date, end: date) -> int:
    """How many of `measure` deleted courses left from `start` to `end` (by month: exact for
    periods of whole months). One query."""
    return RetainedCount.objects.filter(
        project=project, measure=measure, ended__isnull=True, month__gte=first_of_month(start), month__lte=end,
    ).aggregate(n=Sum("count", default=0))["n"]


def _counting_at(period_start: date, period_end: date) -> Q:
    """Rows counting for a period ending on `period_end` whose figure's own date is on or after `period_start`."""
    return (Q(month__gte=first_of_month(period_start), month__lte=period_end)
            & (Q(until__isnull=True) | Q(until__gt=period_end)))


def retained_response_rate(project, start: date, until: date) -> tuple[int, int]:
    """(follow-ups counted as due, answered) that deleted courses add to the response rate for
    a period from `start` whose end (or today) is `until`. One query; by month."""
    due_by_then = _counting_at(start, until) & ~Q(category="missed_prev")
    # Missed, due the month before the row's: the due date is on or after the start when that month is.
    due_month_before = (Q(category="missed_prev", month__gt=first_of_month(start), month__lte=until)
                        & (Q(until__isnull=True) | Q(until__gt=until)))
    found = RetainedCount.objects.filter(project=project, measure=M.WHO5_FOLLOW_UP).aggregate(
        due=Sum("count", filter=due_by_then | due_month_before, default=0),
        answered=Sum("count", filter=due_by_then & Q(category="answered"), default=0),
    )
    return found["due"], found["answered"]


def retained_paired_change(project, start: date, end: date) -> dict:
    """{"courses", "sum", "risen"}: what deleted courses add to the paired change for the period. One query."""
    counting = _counting_at(start, end)
    return RetainedCount.objects.filter(project=project).aggregate(
        courses=Sum("count", filter=counting & Q(measure=M.WHO5_LATEST), default=0),
        sum=Sum("total", filter=counting & Q(measure=M.WHO5_LATEST), default=0),
        risen=Sum("count", filter=counting & Q(measure=M.WHO5_LATEST_RISEN), default=0),
    )


def indicator_caveat(project, start: date, end: date) -> str:
    """Words for beside a budget indicator whose period cuts a month that holds deleted courses'
    figures (they are kept by month); "" otherwise. One query, none when the period is whole months."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    end = min(end, timezone.localdate())
    cut = []
    if start != first_of_month(start):
        cut.append(first_of_month(start))
    if end != last_of_month(end):
        cut.append(first_of_month(end))
    if not cut or not RetainedCount.objects.filter(
            Q(month__in=cut) | Q(until__in=cut), project=project, ended__isnull=True).exists():
        return ""
    return _("Deleted courses are kept by month and this period starts or ends inside such a month: their "
             "share of the figure is counted for the whole month.")


def retained_outcomes(project, periods: list[tuple[date, date]], *, better: tuple[str, ...]) -> list[dict]:
    """Per (start, end) in `periods`, what deleted courses add to the budget's cost per outcome
    (budget.costs): {"reached": courses open in the period (the report's citizens), "compared":
    courses whose latest exit-indicator measurement up to the end falls in the period, not ended
    before it, "better": {indicator: of those, a better answer at the latest than at the first}
    for each indicator in `better`, "who5_risen": courses whose latest WHO-5 answer up to the end
    falls in the period, 10 points or more above the first, "whole_months": False when the period
    cuts a month that holds such figures (they are kept by month), "legacy": rows written before
    December 2026 up to its end, which these figures cannot use (see LEGACY)}. One query for every period.
    """
    if not periods:
        return []
    from outcomes.categories import BETTER, BY_FIELD, direction

    def pairs(field_name, moved=None):
        indicator = BY_FIELD[field_name]
        if moved is None:
            return Q(measure=M.INDICATOR_PAIR, category__startswith=f"{field_name}:")
        return Q(measure=M.INDICATOR_PAIR, category__in=[
            f"{field_name}:{a}:{b}" for a in indicator.choices.values for b in indicator.choices.values
            if direction(indicator, a, b) == moved])

    families = {"compared": pairs(INDICATOR_FIELDS[0]),  # one row per course and indicator: count one indicator
                **{f"better_{f}": pairs(f, BETTER) for f in better},
                "who5_risen": Q(measure=M.WHO5_LATEST_RISEN)}
    sums = {}
    for n, (start, end) in enumerate(periods):
        # Starting rows count from their month; ending rows take back what courses that ended before
        # the start gave (as retained_for does).
        starting, ending = Q(ended__isnull=True), Q(ended__lt=first_of_month(start))
        sums[f"reached_{n}"] = (Sum("count", filter=Q(measure=M.CITIZENS, month__lte=end) & starting, default=0)
                                - Sum("count", filter=Q(measure=M.CITIZENS, month__lte=end) & ending, default=0))
        latest_in_period = _counting_at(start, end)
        for name, rows in families.items():
            sums[f"{name}_{n}"] = (Sum("count", filter=rows & latest_in_period & starting, default=0)
                                   - Sum("count", filter=rows & latest_in_period & ending, default=0))
        cut = [first_of_month(day) for day, whole in ((start, start == first_of_month(start)),
                                                      (end, end == last_of_month(end))) if not whole]
        if cut:
            sums[f"cut_{n}"] = Count("pk", filter=Q(month__in=cut) | Q(until__in=cut) | Q(ended__in=cut))
        sums[f"legacy_{n}"] = Count("pk", filter=Q(measure__in=LEGACY, month__lte=end))
    found = RetainedCount.objects.filter(project=project).aggregate(**sums)
    return [{"reached": int(found[f"reached_{n}"]), "compared": int(found[f"compared_{n}"]),
             "better": {f: int(found[f"better_{f}_{n}"]) for f in better},
             "who5_risen": int(found[f"who5_risen_{n}"]), "whole_months": not found.get(f"cut_{n}"),
             "legacy": bool(found[f"legacy_{n}"])}
            for n in range(len(periods))]
