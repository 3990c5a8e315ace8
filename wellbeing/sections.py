"""The WHO-5 parts of the course page, the project page and the team meeting page."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from brobygger.charts import WHO5_BANDS_COLOURS, bar_chart, line_chart
from brobygger.disclosure import HIDDEN, Audience, apply, audience, mean_or_hidden, protect
from courses.access import can_manage_course, visible_courses
from courses.models import Course
from courses.selectors import reassign_choices

from .indicators import paired_change_summary
from .models import HIGH_RISK_MAX, RISK_MAX, SIGNIFICANT_CHANGE, Who5Response
from .rounds import (
    due_measurements,
    measurement_name,
    next_measurement,
    response_rate_by_round,
    round_of,
)


def who5_bands():
    return [
        (0, HIGH_RISK_MAX, _("High risk (0-35)"), WHO5_BANDS_COLOURS[0]),
        (HIGH_RISK_MAX, RISK_MAX, _("Risk (36-50)"), WHO5_BANDS_COLOURS[1]),
    ]


def course_section(request, course):
    today = timezone.localdate()
    responses = list(course.who5_responses.all())
    interval = course.project.who5_interval_months
    for r in responses:  # the scheduled measurement each answer counts for (wellbeing.rounds)
        r.measurement = measurement_name(round_of(course.start_date, r.answered_on, interval), interval)
    context = {"course": course, "responses": responses, "can_manage": can_manage_course(request.user, course)}
    if responses:
        labels = [r.answered_on.strftime("%d.%m.%y") for r in responses]
        context["chart"] = line_chart(
            _("WHO-5 score over time, course %(code)s") % {"code": course.code}, labels,
            [(_("WHO-5 score"), [r.score for r in responses])], y_max=100, bands=who5_bands(),
        )
    if len(responses) >= 2:
        change = responses[-1].score - responses[0].score
        context.update(change=change, significant=change >= SIGNIFICANT_CHANGE)
    context["next"] = next_measurement(course, today)
    context["open_invitations"] = course.who5_invitations.open(timezone.now()).count()
    return context


def project_section(request, project):
    memberships = request.user.memberships_in(project)
    if any(m.can_see_courses for m in memberships):
        courses = visible_courses(request.user).filter(project=project)
    elif any(m.can_see_reports for m in memberships):
        courses = Course.objects.filter(project=project)
    else:
        return None
    today = timezone.localdate()
    rows = response_rate_by_round(courses, today)
    change = paired_change_summary(courses, None, today)
    if audience(request.user, project) == Audience.OUTSIDE:
        rows, change = _disclose(rows, change)
    for row in rows:
        row["name"] = measurement_name(row["round"], project.who5_interval_months)
    chart = bar_chart(
        _("WHO-5 response rate per measurement"), [r["name"] for r in rows], [r["rate"] for r in rows], unit=" %",
    ) if rows else None
    return {"project": project, "rows": rows, "chart": chart, "change": change,
            "interval": project.who5_interval_months, "significant": SIGNIFICANT_CHANGE}


def _disclose(rows: list[dict], change: dict) -> tuple[list[dict], dict]:
    """For a reader outside the project (brobygger.disclosure). Per measurement, those who answered
    and those who did not add up to those it was due for: a small group of either is hidden, and
    with it what would give it away (the rate, too). Of the courses with two or more answers, those
    whose score rose by 10 points or more and the others likewise; their mean needs 5 courses."""
    values, relations = {}, []
    for row in rows:
        k = row["round"]
        values.update({("due", k): row["due"], ("answered", k): row["answered"],
                       ("not", k): row["due"] - row["answered"]})
        relations.append(([("answered", k), ("not", k)], ("due", k)))
    values.update({"courses": change["courses"], "risen": change["risen"],
                   "not_risen": change["courses"] - change["risen"]})
    relations.append((["risen", "not_risen"], "courses"))
    implicit = {("not", r["round"]) for r in rows} | {"not_risen"}
    shown = apply(values, protect(values, relations, implicit=implicit))
    rows = [{**row, "due": shown[("due", row["round"])], "answered": shown[("answered", row["round"])],
             "rate": HIDDEN if HIDDEN in (shown[("due", row["round"])], shown[("answered", row["round"])])
             else row["rate"]} for row in rows]
    change = {"courses": shown["courses"], "risen": shown["risen"],
              "mean": mean_or_hidden(change["mean"], change["courses"])}
    return rows, change


def team_meeting_section(request, project):
    if not any(m.can_see_courses for m in request.user.memberships_in(project)):
        return None
    today = timezone.localdate()
    courses = visible_courses(request.user).filter(project=project)
    since = getattr(request, "meeting_since", None) or today - timedelta(days=7)
    items = due_measurements(courses, today)
    log.shown(request, [m.course for m in items])
    return {
        "project": project, "items": items, "since": since, "reassign": reassign_choices(request.user, project),
        "overdue_count": sum(1 for m in items if m.overdue),
        "answered_since": Who5Response.objects.filter(course__in=courses, answered_on__gte=since).count(),
    }
