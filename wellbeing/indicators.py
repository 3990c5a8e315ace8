"""WHO-5 figures of the courses still here, for the budget's indicators (rights.indicators adds
what deleted courses left and registers them) and the budget's cost per outcome."""

from datetime import date
from fractions import Fraction

from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum

from brobygger.rounding import one_decimal
from courses.models import Course

from .models import SIGNIFICANT_CHANGE, Who5Response
from .rounds import answer_dates, answered_rounds, grace_over, rounds_due


def live_response_counts(project, start: date, until: date) -> tuple[int, int]:
    """(answered, due): the project's courses with a follow-up measurement due from `start` to
    `until` (at the latest today), and those of them whose (latest) due follow-up was answered.
    Courses still here only; rights.indicators adds the deleted ones.

    "Due" as in the project page's response rate (wellbeing.rounds.response_rate_by_round): a
    follow-up counts once its grace is over by the end (`grace_over`), or once it was answered.
    """
    courses = list(Course.objects.filter(project=project, start_date__lte=until).select_related("project"))
    answers = answer_dates([c.pk for c in courses])
    got = due = 0
    for course in courses:
        done = answered_rounds(course.start_date, course.project.who5_interval_months, answers.get(course.pk, []))
        follow_ups = [k for k, day in rounds_due(course, until) if k >= 1 and day >= start and (k in done or grace_over(day, until))]
        if not follow_ups:
            continue
        due += 1
        if follow_ups[-1] in done:
            got += 1
    return got, due


def paired_change_summary(courses, start: date | None, end: date) -> dict:
    """Mean change from the first to the latest score (up to `end`) of courses with two or more
    answers whose latest answer falls from start to end. One query. "sum" is the exact sum of the changes."""
    upto = Who5Response.objects.filter(course=OuterRef("pk"), answered_on__lte=end)
    first = Subquery(upto.order_by("answered_on", "pk").values("score")[:1])
    latest = Subquery(upto.order_by("-answered_on", "-pk").values("score")[:1])
    in_period = Q(last_on__lte=end) & (Q(last_on__gte=start) if start else Q())
    result = (
        courses.annotate(
            answers=Count("who5_responses", filter=Q(who5_responses__answered_on__lte=end)),
            last_on=Max("who5_responses__answered_on", filter=Q(who5_responses__answered_on__lte=end)),
        )
        .filter(in_period, answers__gte=2)
        .annotate(first_score=first, latest_score=latest)
        .annotate(change=F("latest_score") - F("first_score"))
        .aggregate(sum=Sum("change", default=0), courses=Count("pk"), risen=Count("pk", filter=Q(change__gte=10)))
    )
    return with_mean(result)


def with_mean(found: dict) -> dict:
    """`found` ({"sum", "courses", "risen"}) with the mean change, one decimal (None for no courses)."""
    mean = one_decimal(Fraction(found["sum"], found["courses"])) if found["courses"] else None
    return {"mean": mean, "courses": found["courses"], "risen": found["risen"], "sum": found["sum"]}


def risen_by_period(courses, periods: list[tuple[date, date]]) -> list[int]:
    """Per (start, end) in `periods`: the courses with two or more WHO-5 answers by its end whose
    latest answer up to the end falls in it and is SIGNIFICANT_CHANGE (10) points or more above the
    first: `paired_change_summary`'s "risen", which deleted courses' figures reproduce (rights.retained
    keeps no course's end with them, so an answer given after the course ended counts here too).
    One query, however many courses and periods."""
    if not periods:
        return []
    answers = Who5Response.objects.filter(course=OuterRef("pk"))
    in_order = answers.order_by("answered_on", "pk")
    annotations = {
        "first_score": Subquery(in_order.values("score")[:1]),
        "second_on": Subquery(in_order.values("answered_on")[1:2]),  # on or before the end: two or more by then
    }
    aggregates = {}
    for n, (start, end) in enumerate(periods):
        latest = answers.filter(answered_on__lte=end).order_by("-answered_on", "-pk")
        annotations.update({
            f"latest_on_{n}": Subquery(latest.values("answered_on")[:1]),
            f"change_{n}": Subquery(latest.values("score")[:1]) - F("first_score"),
        })
        aggregates[f"risen_{n}"] = Count("pk", filter=(
            Q(**{"second_on__lte": end, f"latest_on_{n}__gte": start, f"change_{n}__gte": SIGNIFICANT_CHANGE})))
    found = courses.order_by().annotate(**annotations).aggregate(**aggregates)
    return [found[f"risen_{n}"] for n in range(len(periods))]
