"""Cost next to outcome (issue 16.3): what an initiative's money cost per citizen reached and per outcome.

The definitions (docs/budget.md, "Cost per outcome"):

- Periods: each calendar year of the initiative's period, cut to the period, and the whole
  period when it spans more than one year.
- The cost of a period is the money spent (booked, by hand or imported) on the initiative's
  budget lines in the period's months. Commitments and the forecast are not cost yet.
- Reached: the project's courses open on at least one day of the period (started by its end,
  not ended before its start). A citizen is counted once per period, however many contacts.
- Compared: of those, the courses with two or more exit-indicator measurements by the period's
  end whose latest measurement up to the end falls in the period (outcomes.selectors).
- Better housing, better income: of the compared, those whose housing (main income) is in a
  better category at the latest measurement than at the first (the order in outcomes.categories).
  Two figures, as the report's tables: what retention keeps of a deleted course holds one
  indicator a row, never a person's housing and income together.
- WHO-5 up 10 or more: the courses with two or more WHO-5 answers by the end whose latest answer
  falls in the period, 10 points or more above the first (wellbeing; the budget goal's "risen").

Every count adds what deleted courses left (rights.retained), as the report does, so a figure for
a period of whole months is the same before and after a retention run or an erasure.

Brobygger does not record which initiative a course belongs to, so every initiative of a
project is set against the same courses: its own money divided by the project's outcomes.
"All initiatives" divides the project's money by them; the initiatives' costs per outcome add
up to it.

Outside the project (brobygger.disclosure) a count of 1-4 people is hidden, with the counts that
would give it away (the reached who were not compared, and so on), and every count of the same
kind over a period that overlaps a hidden one. A cost per hidden count is hidden too, and so is
its uncertainty: money spent is shown, so either would give the count back.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger import rounding
from brobygger.disclosure import HIDDEN, protect
from courses.models import Course, open_between
from outcomes.selectors import compared_by_period
from rights.retained import retained_outcomes
from wellbeing.indicators import risen_by_period

from .forecast import InitiativeFigures
from .money import ZERO, first_of_month, period_label

REACHED, COMPARED, WHO5_RISEN = "reached", "compared", "who5_risen"
BETTER_HOUSING, BETTER_INCOME = "better_housing", "better_income"
# The exit indicators whose move to a better category has a cost (outcomes.categories' fields).
BETTER = {BETTER_HOUSING: "housing", BETTER_INCOME: "income"}
FAMILIES = (REACHED, COMPARED, BETTER_HOUSING, BETTER_INCOME, WHO5_RISEN)
LABELS = {
    REACHED: gettext_lazy("Citizens reached"),
    COMPARED: gettext_lazy("Courses with two measurements"),
    BETTER_HOUSING: gettext_lazy("Moved to better housing"),
    BETTER_INCOME: gettext_lazy("Moved to better income"),
    WHO5_RISEN: gettext_lazy("WHO-5 up 10 points or more"),
}
PER = {
    REACHED: gettext_lazy("Per citizen reached"),
    COMPARED: gettext_lazy("Per course with two measurements"),
    BETTER_HOUSING: gettext_lazy("Per citizen with better housing"),
    BETTER_INCOME: gettext_lazy("Per citizen with better income"),
    WHO5_RISEN: gettext_lazy("Per WHO-5 rise of 10 points or more"),
}
# Below this many, the page says in words how much one person more or fewer would move the cost.
FEW = 20

Period = tuple[date, date]


def periods_of(start: date, end: date) -> list[Period]:
    """Each calendar year from start to end, cut to them; then the whole period if that spans more than one."""
    years = [(max(start, date(year, 1, 1)), min(end, date(year, 12, 31))) for year in range(start.year, end.year + 1)]
    return years + [(start, end)] if len(years) > 1 else years


def outcome_counts(project, periods: list[Period]) -> dict[Period, dict[str, int]]:
    """{period: {family: count}} for the project's courses, those still here and what deleted ones
    left (rights.retained). Four queries (one per figure family, one for the deleted courses),
    however many courses and periods."""
    return counts_and_months(project, periods)[0]


def reached_by_period(project, periods: list[Period]) -> dict[Period, int]:
    """{period: citizens reached}, deleted courses included: the project report's citizens for the
    period. Two queries, however many courses and periods."""
    periods = list(dict.fromkeys(periods))
    if not periods:
        return {}
    live = _reached(Course.objects.filter(project=project), periods)
    kept = retained_outcomes(project, periods, better=())
    return {period: live[n] + kept[n]["reached"] for n, period in enumerate(periods)}


def _reached(courses, periods: list[Period]) -> list[int]:
    """Per period, the courses open on a day of it (the report's citizens, of the courses still here). One query."""
    found = courses.aggregate(**{f"p{n}": Count("pk", filter=open_between(start, end))
                                 for n, (start, end) in enumerate(periods)})
    return [found[f"p{n}"] for n in range(len(periods))]


def counts_and_months(project, periods: list[Period]) -> tuple[dict[Period, dict[str, int]], set[Period], bool]:
    """outcome_counts; the periods that cut a month holding deleted courses' figures (kept by month,
    so counted for the whole month: not exact); and whether courses deleted before December 2026 left
    figures these cannot use (rights.retained.LEGACY: they are missing)."""
    periods = list(dict.fromkeys(periods))
    if not periods:
        return {}, set(), False
    courses = Course.objects.filter(project=project)
    reached = _reached(courses, periods)
    fields = tuple(BETTER.values())
    compared = compared_by_period(courses, periods, better=fields)
    risen = risen_by_period(courses, periods)
    kept = retained_outcomes(project, periods, better=fields)
    counts = {
        period: {REACHED: reached[n] + kept[n]["reached"],
                 COMPARED: compared[n]["compared"] + kept[n]["compared"],
                 **{family: compared[n]["better"][f] + kept[n]["better"][f] for family, f in BETTER.items()},
                 WHO5_RISEN: risen[n] + kept[n]["who5_risen"]}
        for n, period in enumerate(periods)
    }
    inexact = {period for n, period in enumerate(periods) if not kept[n]["whole_months"]}
    return counts, inexact, any(k["legacy"] for k in kept)


def hidden_counts(counts: dict[Period, dict[str, int]]) -> set[tuple[Period, str]]:
    """The (period, family) counts a reader outside the project may not see (see the module's doc).

    In each period the compared, the better and the WHO-5 risen are parts of the reached (or the
    compared); the rest of each (reached but not compared, ...) is no figure on the page but anyone
    can work it out, so it is protected as an implicit cell (brobygger.disclosure.protect).
    """
    protected: set = set()  # hidden within a period: small, or so that a small one cannot be worked out
    overlapping: set = set()  # hidden because a protected count of the same kind shares some of its days
    while True:
        before = protected | overlapping
        for period, c in counts.items():
            values = {**{(period, f): c[f] for f in FAMILIES},
                      (period, "not_compared"): c[REACHED] - c[COMPARED],
                      **{(period, f"not_{f}"): c[COMPARED] - c[f] for f in BETTER},
                      (period, "not_risen"): c[REACHED] - c[WHO5_RISEN]}
            relations = [
                ([(period, COMPARED), (period, "not_compared")], (period, REACHED)),
                *[([(period, f), (period, f"not_{f}")], (period, COMPARED)) for f in BETTER],
                # A WHO-5 rise is almost always a citizen reached in the period (not when the answer came
                # after the course ended): the rest is protected as if it were one of them.
                ([(period, WHO5_RISEN), (period, "not_risen")], (period, REACHED)),
            ]
            implicit = [(period, "not_compared"), *[(period, f"not_{f}") for f in BETTER], (period, "not_risen")]
            also = {k for k in before if k[0] == period}
            protected |= protect(values, relations, implicit=implicit, also=also) - overlapping
        # A protected count must not be the difference of two shown ones over overlapping periods
        # (the whole period less the other years). A count hidden for that reason needs no more.
        for (period, family) in protected:
            for other in counts:
                if other[0] <= period[1] and period[0] <= other[1] and counts[other][family]:
                    overlapping.add((other, family))
        overlapping -= protected
        if protected | overlapping == before:
            return before


def cost_per(spent: Decimal, count) -> float | None:
    """spent / count in 1,000 DKK with one decimal (brobygger.rounding); None when nothing to divide."""
    if not count or not spent or count is HIDDEN:
        return None
    return rounding.round_half_up(Fraction(spent) / count / 1000, 1)


def uncertainty(count) -> str:
    """In words, how much one person more or fewer would move a cost per outcome; "" when they are many
    (or the count is hidden: then the words would give it away)."""
    if not isinstance(count, int) or not count or count >= FEW:
        return ""
    if count == 1:
        return _("only one: the figure says little on its own.")
    lower = rounding.round_half_up(Fraction(100, count + 1), 0)  # cost * count/(count+1): this much % lower
    higher = rounding.round_half_up(Fraction(100, count - 1), 0)
    return _("only %(count)d: one more would make each cost %(lower)d %% lower, one fewer %(higher)d %% "
             "higher.") % {"count": count, "lower": lower, "higher": higher}


@dataclass
class Cell:
    family: str
    count: object  # int or HIDDEN
    cost: object  # 1,000 DKK (float), None, or HIDDEN

    @property
    def label(self):
        return PER[self.family]

    @property
    def hidden(self) -> bool:
        return self.count is HIDDEN


@dataclass
class Row:
    """One initiative (or all together) in one period: money spent and the cost per outcome."""

    title: str
    initiative: object  # None for all initiatives together
    start: date
    end: date
    spent: Decimal
    ongoing: bool  # the period is not over: money and outcomes so far
    cells: list[Cell] = field(default_factory=list)

    @property
    def period(self) -> str:
        return period_label(self.start, self.end)


@dataclass
class CostTable:
    rows: list[Row]  # per initiative with a budget its periods, then all initiatives together's
    notes: list[tuple[Period, str]]  # the uncertainty in words, once per small count and period
    hidden: bool  # some figure is hidden (a reader outside the project)
    # Periods that start or end inside a month holding deleted courses' figures (kept by month).
    cut_months: set[Period] = field(default_factory=set)
    # Citizens reached per period, exact, for the goals shown beside the table (budget.goals), and the
    # periods whose count of them a reader outside does not see. Never shown as such.
    reached: dict[Period, int] = field(default_factory=dict, repr=False)
    reached_hidden: set[Period] = field(default_factory=set, repr=False)
    legacy: bool = False  # courses deleted before December 2026 are missing (rights.retained.LEGACY)

    headers = property(lambda self: [PER[family] for family in FAMILIES])

    @property
    def period(self) -> str:
        """The one period every row is for (then the rows need not say it), else ""."""
        periods = {(r.start, r.end) for r in self.rows}
        return period_label(*periods.pop()) if len(periods) == 1 else ""

    @property
    def together(self) -> list[Row]:
        return [r for r in self.rows if r.initiative is None]

    @property
    def ongoing(self) -> bool:
        return any(r.ongoing for r in self.rows)

    def for_initiative(self, number: int) -> "CostTable":
        """One initiative's rows (its committee PDF), with the notes and hiding of the whole table."""
        rows = [r for r in self.rows if r.initiative is not None and r.initiative.number == number]
        periods = {(r.start, r.end) for r in rows}
        # The goals beside it are set against every period's reached, as in the project's document.
        return CostTable(rows, [(p, words) for p, words in self.notes if p in periods], self.hidden,
                         self.cut_months & periods, self.reached, self.reached_hidden, self.legacy)

    @property
    def caveat(self) -> str:
        """Why some figure may not be exact, in words ("" when every figure is)."""
        words = []
        if self.cut_months:
            words.append(_("Courses deleted under retention or erasure are kept as anonymous figures by month, and "
                           "%(periods)s starts or ends inside such a month: their figures in it are counted for the "
                           "whole month.") % {
                "periods": ", ".join(period_label(*p).lower() for p in sorted(self.cut_months))})
        if self.legacy:
            words.append(_("Courses deleted before December 2026 were kept only as monthly counts these figures "
                           "cannot use; they are missing from them."))
        return " ".join(words)


def _spent(figures: list[InitiativeFigures], start: date, end: date) -> Decimal:
    first = first_of_month(start)
    return sum((m.spent for f in figures for lf in f.lines for m in lf.months if first <= m.month <= end), ZERO)


def _rows(title, initiative, figures, periods, counts, hidden, today) -> list[Row]:
    rows = []
    for start, end in periods:
        spent = _spent(figures, start, end)
        row = Row(title, initiative, start, end, spent=spent, ongoing=end >= today)
        for family in FAMILIES:
            if ((start, end), family) in hidden:
                row.cells.append(Cell(family, HIDDEN, HIDDEN if spent else None))
            else:
                count = counts[(start, end)][family]
                row.cells.append(Cell(family, count, cost_per(spent, count)))
        rows.append(row)
    return rows


def cost_per_outcome(project, figures: list[InitiativeFigures], *, hide_small: bool, today: date) -> CostTable:
    """Per initiative with a budget and per period, the money spent and the cost per citizen reached and
    per outcome; then all initiatives together. Empty when no initiative has a budget.

    `figures` are the project's initiatives' budget figures (forecast.budget_figures): the money
    spent comes from them, no query of its own. The outcomes take four queries whatever the number
    of initiatives, periods or courses. `hide_small` for a reader outside the project: the hidden
    counts are worked out over every initiative's periods at once, so each document that shows a
    part of them (one initiative's PDF, the whole project's) hides the same ones.
    """
    budgeted = [f for f in figures if f.budget]
    if not budgeted:
        return CostTable([], [], False)
    own = {f.initiative.pk: periods_of(f.initiative.start_date, f.initiative.end_date) for f in budgeted}
    overall = periods_of(min(f.initiative.start_date for f in budgeted), max(f.initiative.end_date for f in budgeted))
    counts, cut_months, legacy = counts_and_months(project, [p for ps in own.values() for p in ps] + overall)
    hidden = hidden_counts(counts) if hide_small else set()
    rows = [row for f in budgeted
            for row in _rows(str(f.initiative), f.initiative, [f], own[f.initiative.pk], counts, hidden, today)]
    rows += _rows(_("All initiatives together"), None, budgeted, overall, counts, hidden, today)
    notes = []
    for (start, end), found in counts.items():
        for family in FAMILIES:
            words = "" if ((start, end), family) in hidden else uncertainty(found[family])
            if words:
                notes.append(((start, end), f"{LABELS[family]}, {period_label(start, end).lower()}: {words}"))
    return CostTable(rows, notes, bool(hidden), cut_months, {period: found[REACHED] for period, found in counts.items()},
                     {period for period, family in hidden if family == REACHED}, legacy)
