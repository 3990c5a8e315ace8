"""The project report (exchange format v1, section 5): one function gathers every number.

The page, the JSON, the Excel workbook and the PDF are all views of `project_report`.
Everything is aggregated in the database with a fixed number of queries, whatever the
amount of data. Means are computed exactly (sums and counts as integers, then a
Fraction) and rounded half up to one decimal, so SQLite and PostgreSQL agree to the digit.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import connection
from django.db.models import Case, Count, DateField, F, Func, IntegerField, Max, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear, Least

from courses.models import Course, Gender, InterventionRecord, Referral
from exchange.formats import GENDER_WORDS

AGE_BANDS = [("18-25", 18, 25), ("26-30", 26, 30), ("31-35", 31, 35), ("36-45", 36, 45), ("Over 45", 46, 200)]
# The report's gender keys are the exchange format's words; "Ukendt" where the workbook leaves the cell empty.
GENDER_LABELS = {Gender(value): word or "Ukendt" for value, word in GENDER_WORDS.items()}
INTERVENTION_BUCKETS = ["0", "1", "2", "3", "4+"]
MIN_ROUND_RESPONDENTS = 10
CLINICAL_CHANGE = 10
DAYS_PER_MONTH = Fraction(1461, 48)  # 365.25 / 12


def one_decimal(value) -> float | None:
    """Round half up to one decimal (a Fraction, int or float)."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


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


def project_report(project, as_of: date, period_start: date | None = None) -> dict:
    """Every number of the national report for `project` on `as_of`, as plain data (JSON-ready)."""
    return gather(project, as_of, period_start).data


def gather(project, as_of: date, period_start: date | None = None) -> Gathered:
    period = Period(period_start, as_of)
    courses = report_courses(project, period)
    age_expr = Coalesce("age_at_start", ExtractYear("start_date") - F("birth_year"))
    end_expr = Least(Coalesce("end_date", Value(as_of, output_field=DateField())), Value(as_of, output_field=DateField()))
    length = DaysBetween(end_expr, "start_date")
    single_day = Q(end_date__isnull=False, end_date=F("start_date"))
    bands = {label: Count("pk", filter=Q(age__gte=low, age__lte=high)) for label, low, high in AGE_BANDS}
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
    citizens = totals["citizens"]
    age = {label: totals[f"band_{i}"] for i, label in enumerate(bands)}
    age["Ukendt"] = citizens - totals["age_known"]
    age["mean"] = one_decimal(Fraction(totals["age_sum"], totals["age_known"])) if totals["age_known"] else None

    records = InterventionRecord.objects.filter(course__in=courses, date__lte=as_of)
    catalogue = list(project.interventions.order_by("pk"))
    per_course, reached = _intervention_counts(records, [i.pk for i in catalogue])
    per_citizen = dict.fromkeys(INTERVENTION_BUCKETS, 0)
    for n, count in per_course.items():
        per_citizen[str(n) if n < 4 else "4+"] += count
    per_citizen["0"] = citizens - sum(per_citizen[b] for b in INTERVENTION_BUCKETS[1:])

    citizens_per_intervention = {i.name: reached[i.pk] for i in catalogue}

    trafficking = Referral.objects.filter(
        course__in=courses, target=Referral.Target.ANTI_TRAFFICKING, date__lte=as_of
    ).aggregate(n=Count("course_id", distinct=True))["n"]

    length_days = int(totals["length_sum"] or 0)
    mean_months = (
        one_decimal(Fraction(length_days) / totals["length_n"] / DAYS_PER_MONTH) if totals["length_n"] else None
    )
    who5, tests = who5_summary(courses, as_of)
    return Gathered({
        "project": project.name,
        "as_of": as_of.isoformat(),
        "citizens": citizens,
        "age": age,
        "gender": {label: totals[f"gender_{value}"] for value, label in GENDER_LABELS.items()},
        "interventions_per_citizen": per_citizen,
        "citizens_per_intervention": citizens_per_intervention,
        "participation": {"single_day": totals["single_day"], "mean_months": mean_months},
        "trafficking_referrals": trafficking,
        "who5": who5,
    }, tests)


def _intervention_counts(records, catalogue: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """({number of different interventions: courses with that many}, {intervention id: courses reached}).

    One pass over the records: per course a 0/1 flag for each intervention of the catalogue, then
    per number of interventions the count of courses and the sum of each flag. A handful of rows
    come back, and PostgreSQL needs no large DISTINCT (which spilled to disk at a million records).
    """
    if not catalogue:
        return {}, {}
    flags = {f"f{i}": Max(Case(When(intervention_id=pk, then=1), default=0)) for i, pk in enumerate(catalogue)}
    inner, params = records.order_by().values("course_id").annotate(**flags).values(*flags).query.sql_with_params()
    columns = list(flags)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {' + '.join(columns)}, COUNT(*), {', '.join(f'SUM({c})' for c in columns)} "  # noqa: S608
            f"FROM ({inner}) per_course GROUP BY 1",
            params,
        )
        per_course, reached = {}, dict.fromkeys(catalogue, 0)
        for n, courses, *sums in cursor.fetchall():
            if n:
                per_course[int(n)] = int(courses)
            for pk, total in zip(catalogue, sums, strict=True):
                reached[pk] += int(total)
    return per_course, reached


def who5_rows_sql(courses, as_of):
    """SQL (and params) of every WHO-5 answer of `courses` up to `as_of` with its round number."""
    from wellbeing.models import Who5Response

    table = connection.ops.quote_name(Who5Response._meta.db_table)
    inner, params = courses.order_by().values("pk").query.sql_with_params()
    sql = (
        f"SELECT w.course_id AS course_id, w.score AS score, "  # noqa: S608
        f"ROW_NUMBER() OVER answers AS k, FIRST_VALUE(w.score) OVER answers AS first_score "
        f"FROM {table} w WHERE w.answered_on <= %s AND w.course_id IN ({inner}) "
        # An explicit ROWS frame: SQLite's default RANGE frame made FIRST_VALUE three times slower.
        "WINDOW answers AS (PARTITION BY w.course_id ORDER BY w.answered_on, w.id ROWS UNBOUNDED PRECEDING)"
    )
    return sql, (as_of, *params)


def who5_summary(courses, as_of) -> tuple[dict, list]:
    """Mean score per round, and the paired change from each person's own first answer.

    The paired t-test (SciPy) needs only n, the sum and the sum of squares of the
    differences, which the database adds up; no answer leaves the database one by one.
    """
    answers, params = who5_rows_sql(courses, as_of)
    with connection.cursor() as cursor:
        cursor.execute(
            # One pass over the answers: each row carries its round and its course's first score.
            f"SELECT r.k, COUNT(*), SUM(r.score), SUM(r.first_score), "  # noqa: S608
            f"SUM((r.score - r.first_score) * (r.score - r.first_score)) FROM ({answers}) r "
            "GROUP BY r.k ORDER BY r.k",
            params,
        )
        per_round = cursor.fetchall()
    rounds, paired, tests = [], [], []
    for k, n, total, first_total, squares in per_round:
        k, n, total, first_total = int(k), int(n), int(total), int(first_total)
        enough = n >= MIN_ROUND_RESPONDENTS
        rounds.append({"round": k, "n": n, "mean": one_decimal(Fraction(total, n)) if enough else None,
                       "suppressed": not enough})
        if k >= 2 and enough:
            change = Fraction(total - first_total, n)
            mean_to, mean_from = one_decimal(Fraction(total, n)), one_decimal(Fraction(first_total, n))
            paired.append({
                "from": 1, "to": k, "n": n, "mean_from": mean_from, "mean_to": mean_to,
                "change": one_decimal(change), "clinically_significant": change >= CLINICAL_CHANGE,
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
        return {"sd": round(sd, 1), "t": None, "p": None}
    t = mean / (sd / n ** 0.5)
    p = float(2 * stats.t.sf(abs(t), n - 1))
    return {"sd": round(sd, 1), "t": round(t, 2), "p": round(p, 3)}
