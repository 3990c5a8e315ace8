"""The project report (exchange format v1, section 5): one function gathers every number.

The page, the JSON, the Excel workbook and the PDF are all views of `project_report`.
Everything is aggregated in the database with a fixed number of queries, whatever the
amount of data, on one connection and in one transaction (`one_snapshot`), so every part of a
report reads the same state of the database, and the tests run the path production runs.
Means are computed exactly (sums and counts as integers, then a Fraction) and rounded half
up to one decimal (brobygger.rounding), so SQLite and PostgreSQL agree to the digit.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db import connection, transaction
from django.db.models import Count, DateField, F, Func, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, Least

from brobygger import agebands, genders
from brobygger.rounding import one_decimal, round_half_up
from courses.models import Course, Gender, InterventionRecord, Referral
from outcomes.selectors import add_pairs, paired_change
from rights.retained import M, Retained, retained_for
from wellbeing.models import SIGNIFICANT_CHANGE
from wellbeing.rounds import answer_numbers_sql

# The report's gender keys are the exchange format's words, "Ukendt" for an unknown gender.
GENDER_LABELS = {value: genders.report_word(value) for value in Gender}
INTERVENTION_BUCKETS = ["0", "1", "2", "3", "4+"]
MIN_ROUND_RESPONDENTS = 10
DAYS_PER_MONTH = Fraction(1461, 48)  # 365.25 / 12


class DaysBetween(Func):
    """Whole days from the second date to the first, computed by the database itself
    (Django's own date subtraction calls a Python function per row on SQLite)."""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
                              arg_joiner=") - julianday(", **extra)


class YearOf(ExtractYear):
    """The year of a date. On SQLite computed by the database itself: Django's ExtractYear calls a
    Python function per row there, and the report's age refers to it a dozen times a course."""

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS INTEGER)", params


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date  # the report date (as_of)


def report_courses(project, period: Period):
    """The courses a report counts: started on or before the report date, and when a period
    start is given, not ended before it."""
    courses = Course.objects.filter(project=project, start_date__lte=period.end)
    if period.start:
        courses = courses.filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
    return courses


@dataclass
class Gathered:
    data: dict  # exactly the contract's report
    paired_tests: list  # per paired row: {"to", "sd", "t", "p"} (paired t-test), for the page and exports
    # Paired change of the exit indicators (outcomes.selectors): beside the contract's report, not in it,
    # so the national format stays exactly what it is; the JSON view adds it under its own key.
    exit_indicators: dict | None = None


def project_report(project, as_of: date, period_start: date | None = None) -> dict:
    """Every number of the national report for `project` on `as_of`, as plain data (JSON-ready)."""
    return gather(project, as_of, period_start).data


@contextmanager
def one_snapshot():
    """One transaction around a report's queries, so they all read the same state of the database.

    On PostgreSQL at REPEATABLE READ: its default, READ COMMITTED, takes a new snapshot for every
    statement. (SQLite's read transaction is one snapshot already; it holds writers' commits back
    until the report is gathered.) Inside a caller's transaction the caller's isolation holds, and
    no savepoint is made: the report only reads.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic(savepoint=False):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def gather(project, as_of: date, period_start: date | None = None) -> Gathered:
    """The report, counting the courses still there and what deleted ones left (rights.retained)."""
    courses = report_courses(project, Period(period_start, as_of))
    # One connection, one query after another: the report used to run its WHO-5 rounds and the
    # indicators' pairs on a second connection in a thread, but only outside a transaction (so
    # not in the tests), reading another snapshot; docs/exchange.md has the figures that let it go.
    with one_snapshot():
        retained = retained_for(project, period_start, as_of)
        data = _registrations(project, courses, as_of, retained)
        data["trafficking_referrals"] = trafficking_referrals(courses, as_of) + retained.count(M.TRAFFICKING)
        data["who5"], tests = who5_summary_from(who5_rows(courses, as_of), retained)
        exit_indicators = add_pairs(paired_change(courses, as_of), retained.indicator_pairs())
    caveats = retained_caveats(retained)
    if caveats:  # only then: a report that deletions leave exact looks the same as before them
        data["caveats"] = caveats
    return Gathered(data, tests, exit_indicators)


def retained_caveats(retained: Retained) -> list[str]:
    """In words, why deleted courses' figures may not be exact for this period."""
    from django.utils.translation import gettext as _

    caveats = []
    if not retained.whole_months:
        caveats.append(_("Courses deleted under retention or erasure are kept as anonymous figures by month. "
                         "This period starts or ends inside such a month, so their figures in it are counted for "
                         "the whole month; choose a period of whole months for exact figures."))
    if retained.legacy:
        caveats.append(_("Courses deleted before December 2026 were kept only as monthly counts this report "
                         "cannot use; they are missing from its figures."))
    return caveats


def trafficking_referrals(courses, as_of: date) -> int:
    """Citizens referred to the national anti-trafficking effort up to `as_of`."""
    return Referral.objects.filter(
        course__in=courses, target=Referral.Target.ANTI_TRAFFICKING, date__lte=as_of
    ).aggregate(n=Count("course_id", distinct=True))["n"]


def _registrations(project, courses, as_of: date, retained: Retained) -> dict:
    """The report's numbers from the courses and their interventions, in the contract's key order,
    with what deleted courses left added."""
    age_expr = Coalesce("age_at_start", YearOf("start_date") - F("birth_year"))
    end_expr = Least(Coalesce("end_date", Value(as_of, output_field=DateField())), Value(as_of, output_field=DateField()))
    length = DaysBetween(end_expr, "start_date")
    single_day = Q(end_date__isnull=False, end_date=F("start_date"))
    bands = {band.key: Count("pk", filter=agebands.in_band(band)) for band in agebands.BANDS}
    totals = courses.annotate(age=age_expr).aggregate(
        citizens=Count("pk"),
        age_known=Count("age"),
        age_sum=Sum("age"),
        single_day=Count("pk", filter=single_day),
        length_sum=Sum(length, filter=~single_day),
        length_n=Count("pk", filter=~single_day),
        **{f"band_{i}": expr for i, expr in enumerate(bands.values())},
        **{f"gender_{value}": Count("pk", filter=Q(gender=value)) for value in GENDER_LABELS},
    )
    ages = retained.by_category(M.AGE)
    citizens = totals["citizens"] + retained.count(M.CITIZENS)
    age_known = totals["age_known"] + sum(n for key, (n, _sum) in ages.items() if key != agebands.UNKNOWN)
    age_sum = (totals["age_sum"] or 0) + sum(age_total for _n, age_total in ages.values())
    age = {key: totals[f"band_{i}"] + ages.get(key, (0, 0))[0] for i, key in enumerate(bands)}
    age[agebands.UNKNOWN] = citizens - age_known
    age["mean"] = one_decimal(Fraction(age_sum, age_known)) if age_known else None

    records = InterventionRecord.objects.filter(course__in=courses, date__lte=as_of)
    catalogue = list(project.interventions.order_by("pk"))
    per_course, reached = _intervention_counts(records, [i.pk for i in catalogue])
    per_citizen = dict.fromkeys(INTERVENTION_BUCKETS, 0)
    for n, count in per_course.items():
        per_citizen[str(n) if n < 4 else "4+"] += count
    # Deleted courses left how many reached a first, second, ... fourth different intervention.
    at_least = [retained.count(M.INTERVENTIONS_REACHED, n) for n in range(1, 5)] + [0]
    for n, bucket in enumerate(INTERVENTION_BUCKETS[1:], start=1):
        per_citizen[bucket] += at_least[n - 1] - at_least[n]
    per_citizen["0"] = citizens - sum(per_citizen[b] for b in INTERVENTION_BUCKETS[1:])

    citizens_per_intervention = {i.name: reached[i.pk] + retained.count(M.INTERVENTION, i.pk) for i in catalogue}

    length_days = int(totals["length_sum"] or 0) + retained.length_days(as_of)
    length_n = totals["length_n"] + retained.length_courses()
    mean_months = one_decimal(Fraction(length_days) / length_n / DAYS_PER_MONTH) if length_n else None
    return {
        "project": project.name,
        "as_of": as_of.isoformat(),
        "citizens": citizens,
        "age": age,
        "gender": {label: totals[f"gender_{value}"] + retained.count(M.GENDER, value)
                   for value, label in GENDER_LABELS.items()},
        "interventions_per_citizen": per_citizen,
        "citizens_per_intervention": citizens_per_intervention,
        "participation": {"single_day": totals["single_day"] + retained.count(M.SINGLE_DAY),
                          "mean_months": mean_months},
    }


# Bits per mask column: a database integer has 63 usable bits; 62 keeps every sum of distinct bits positive.
MASK_BITS = 62


def _intervention_counts(records, catalogue: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """({number of different interventions: courses with that many}, {intervention id: courses reached}).

    Each course gets one integer with a bit per intervention of the catalogue it received (more
    columns for a catalogue longer than MASK_BITS); then per number of bits set, the count of
    courses and how many have each bit. A handful of rows come back, and each record is looked
    at once, not once per intervention of the catalogue.
    """
    if not catalogue:
        return {}, {}
    rows = records.order_by().values("course_id", "intervention_id")
    if connection.vendor == "postgresql":
        combine = "BIT_OR"  # a second record of the same intervention sets the same bit again
    else:
        # SQLite has no BIT_OR: the sum of each course's distinct interventions' bits is the same.
        # The pairs come in the order of the index (course, intervention, date), so no sorting.
        combine, rows = "SUM", rows.distinct()
    inner, params = rows.query.sql_with_params()
    # Per mask column, the CASE branches of its interventions; ids come from the database as
    # ints, so they are safe to write into the SQL.
    whens = [[] for _ in range((len(catalogue) - 1) // MASK_BITS + 1)]
    bits = []
    for i, pk in enumerate(catalogue):
        column, bit = divmod(i, MASK_BITS)
        whens[column].append(f"WHEN {int(pk)} THEN {1 << bit}")
        bits.append(f"((m{column} >> {bit}) & 1)")
    masks = ", ".join(f"{combine}(CAST(CASE p.intervention_id {' '.join(w)} ELSE 0 END AS BIGINT)) AS m{column}"
                      for column, w in enumerate(whens))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {' + '.join(bits)}, COUNT(*), {', '.join(f'SUM({b})' for b in bits)} FROM ("  # noqa: S608  # nosec B608  # ids cast with int() and names we build; values are bound parameters
            f"SELECT {masks} FROM ({inner}) p GROUP BY p.course_id) per_course GROUP BY 1",
            params,
        )
        per_course, reached = {}, dict.fromkeys(catalogue, 0)
        for n, courses, *sums in cursor.fetchall():
            if n:
                per_course[int(n)] = int(courses)
            for pk, total in zip(catalogue, sums, strict=True):
                reached[pk] += int(total)
    return per_course, reached


def who5_rows(courses, as_of) -> dict[int, list[int]]:
    """{answer number k: [answers, sum of scores, sum of first scores, sum of squared changes]}.

    The paired t-test (SciPy) needs only n, the sum and the sum of squares of the
    differences, which the database adds up; no answer leaves the database one by one.
    """
    answers, params = answer_numbers_sql(courses, as_of)
    with connection.cursor() as cursor:
        cursor.execute(
            # One pass over the answers: each row carries its answer number and its course's first score.
            f"SELECT r.k, COUNT(*), SUM(r.score), SUM(r.first_score), "  # noqa: S608  # nosec B608  # the query above, from the ORM; values are bound parameters
            f"SUM((r.score - r.first_score) * (r.score - r.first_score)) FROM ({answers}) r "
            "GROUP BY r.k ORDER BY r.k",
            params,
        )
        return {int(k): [int(n), int(total), int(first), int(squares)] for k, n, total, first, squares in cursor}


def who5_summary_from(per_answer: dict[int, list[int]], retained: Retained) -> tuple[dict, list]:
    """Mean score per answer number, and the paired change from each person's own first answer,
    over the courses still there (`per_answer`, from who5_rows) and deleted ones (`retained`)."""
    per_answer = {k: list(v) for k, v in per_answer.items()}
    for k, (n, total) in retained.by_category(M.WHO5_ANSWER).items():
        row = per_answer.setdefault(int(k), [0, 0, 0, 0])
        row[0] += n
        row[1] += total
        row[2] += retained.total(M.WHO5_FIRST, k)
        row[3] += retained.total(M.WHO5_SQUARES, k)
    rounds, paired, tests = [], [], []
    for k, (n, total, first_total, squares) in sorted(per_answer.items()):
        if not n:
            continue
        enough = n >= MIN_ROUND_RESPONDENTS
        rounds.append({"round": k, "n": n, "mean": one_decimal(Fraction(total, n)) if enough else None,
                       "suppressed": not enough})
        if k >= 2 and enough:
            change = Fraction(total - first_total, n)
            mean_to, mean_from = one_decimal(Fraction(total, n)), one_decimal(Fraction(first_total, n))
            paired.append({
                "from": 1, "to": k, "n": n, "mean_from": mean_from, "mean_to": mean_to,
                "change": one_decimal(change), "clinically_significant": change >= SIGNIFICANT_CHANGE,
            })
            tests.append({"to": k, **paired_t_test(n, total - first_total, int(squares))})
    return {"rounds": rounds, "paired": paired}, tests


def paired_t_test(n: int, diff_sum: int, diff_squares: int) -> dict:
    """Paired t-test of mean difference 0 from n, sum and sum of squares of the differences."""
    from scipy import stats

    mean = diff_sum / n
    variance = (diff_squares - n * mean * mean) / (n - 1) if n > 1 else 0.0
    sd = max(variance, 0.0) ** 0.5
    if n < 2 or sd == 0:
        return {"sd": round_half_up(sd, 1), "t": None, "p": None}
    t = mean / (sd / n ** 0.5)
    p = float(2 * stats.t.sf(abs(t), n - 1))
    return {"sd": round_half_up(sd, 1), "t": round_half_up(t, 2), "p": round_half_up(p, 3)}
