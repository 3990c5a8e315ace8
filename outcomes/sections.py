"""The exit indicators on the course page: first and latest answer per indicator."""

from .categories import INDICATORS


def course_section(request, course):
    measurements = list(course.measurements.all())
    context = {"course": course, "measurements": measurements, "rows": []}
    if measurements:
        first, latest = measurements[0], measurements[-1]
        context.update(first=first, latest=latest if latest is not first else None)
        for indicator in INDICATORS:
            context["rows"].append({
                "label": indicator.label,
                "first": getattr(first, f"get_{indicator.field}_display")(),
                "latest": getattr(latest, f"get_{indicator.field}_display")() if latest is not first else "",
            })
    return context


def _due_context(request, courses, today, *, project=None):
    from wellbeing.rounds import measurement_name

    from .due import due_indicator_measurements, share_answered_by_round

    items = due_indicator_measurements(courses, today)
    show = request.GET.get("show")
    if show == "overdue":
        items = [m for m in items if m.overdue]
    # The share taken is a project's figure: only the team meeting (one project) shows it.
    rounds = share_answered_by_round(courses, today) if project else []
    for row in rounds:
        row["name"] = measurement_name(row["round"], project.who5_interval_months)
    return {"items": items, "overdue_count": sum(1 for m in items if m.overdue), "rounds": rounds,
            "project": project}


def due_list_section(request, user):
    """On the due list (wellbeing's page): the indicator measurements due in the courses the user sees."""
    from django.utils import timezone

    from courses.access import visible_courses

    return _due_context(request, visible_courses(user), timezone.localdate())


def team_meeting_section(request, project):
    """On the team meeting page: indicator follow-ups due and overdue, and the share taken per round,
    for the courses the person sees (exact counts: the meeting is the project's own staff)."""
    from django.utils import timezone

    from courses.access import visible_courses

    if not any(m.can_see_courses for m in request.user.memberships_in(project)):
        return None
    courses = visible_courses(request.user).filter(project=project)
    return _due_context(request, courses, timezone.localdate(), project=project)
