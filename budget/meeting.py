"""The budget app's own parts of the team meeting page (other apps add theirs via brobygger.sections).

Each part shows only what the viewer may see: courses through courses.access.visible_courses.
"""

from django.db.models import Q
from django.utils import timezone

from audit import log
from courses.access import visible_courses
from courses.models import Referral
from courses.selectors import reassign_choices

from .access import can_manage_budget
from .models import Flag

LIMIT = 50


def _courses(request, project):
    if not any(m.can_see_courses for m in request.user.memberships_in(project)):
        return None
    return visible_courses(request.user).filter(project=project)


def flags_section(request, project):
    flags = Flag.objects.filter(project=project).filter(
        Q(done_on__isnull=True) | Q(done_on__gte=request.meeting_since)
    ).select_related("course", "raised_by")
    visible = _courses(request, project)
    visible_ids = set(visible.filter(pk__in=[f.course_id for f in flags if f.course_id]).values_list("pk", flat=True)) \
        if visible is not None else set()
    shown = [f for f in flags if f.course_id is None or f.course_id in visible_ids]
    log.shown(request, [f.course for f in shown if f.course_id])
    can_manage = can_manage_budget(request.user, project)
    if not shown and not can_manage:
        return None
    from .forms import FlagForm

    return {"project": project, "flags": shown, "can_manage": can_manage,
            "form": FlagForm(project=project, user=request.user) if can_manage else None}


def courses_section(request, project):
    courses = _courses(request, project)
    if courses is None:
        return None
    since = request.meeting_since
    new = courses.filter(start_date__gte=since).select_related("organisation").order_by("start_date", "code")
    ended = courses.filter(end_date__gte=since).select_related("organisation").order_by("end_date", "code")
    new_shown, ended_shown = list(new[:LIMIT]), list(ended[:LIMIT])
    log.shown(request, new_shown + ended_shown)
    return {"since": since, "new": new_shown, "new_count": new.count(), "ended": ended_shown,
            "ended_count": ended.count()}


def referrals_section(request, project):
    courses = _courses(request, project)
    if courses is None:
        return None
    today = timezone.localdate()
    waiting = (
        Referral.objects.filter(course__in=courses, status=Referral.Status.REQUESTED, course__end_date__isnull=True)
        .select_related("course__responsible", "organisation").order_by("date", "pk")
    )
    items = [{"referral": r, "days": (today - r.date).days} for r in waiting[:LIMIT]]
    log.shown(request, [item["referral"].course for item in items])
    return {"items": items, "count": waiting.count(), "reassign": reassign_choices(request.user, project)}


def project_links_section(request, project):
    """On the project page: links to the team meeting and the budget, for whoever may open them."""
    from .access import can_read_budget, is_team_member

    memberships = request.user.memberships_in(project)
    links = {"project": project, "meeting": any(is_team_member(m) for m in memberships),
             "budget": can_read_budget(request.user, project)}
    return links if links["meeting"] or links["budget"] else None
