"""The team meeting: what it shows "since", the meetings held and the points flagged, and the
budget app's own parts of its page (other apps add theirs via brobygger.sections).

Each part shows only what the viewer may see: courses through courses.access.visible_courses.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from brobygger.identity import check_no_identity
from courses.access import visible_courses
from courses.models import Referral
from courses.selectors import reassign_choices

from .access import can_manage_budget
from .models import Flag, MeetingHeld

LIMIT = 50
MEETING_DEFAULT_DAYS = 7


def meeting_since(project, *, today: date, requested: date | None = None) -> date:
    """What the meeting page shows "since": a chosen day, else the last meeting before today, else a week ago."""
    if requested is not None and requested <= today:
        return requested
    last = MeetingHeld.objects.filter(project=project, held_on__lt=today).order_by("-held_on").first()
    return last.held_on if last else today - timedelta(days=MEETING_DEFAULT_DAYS)


def record_meeting(*, project, on: date, by) -> MeetingHeld:
    meeting, _created = MeetingHeld.objects.get_or_create(project=project, held_on=on, defaults={"recorded_by": by})
    return meeting


def raise_flag(*, project, text: str, by, on: date, course=None) -> Flag:
    check_no_identity(text)
    if course is not None and course.project_id != project.pk:
        raise ValidationError({"course": _("The course belongs to another project.")})
    return Flag.objects.create(project=project, text=text, course=course, raised_by=by, raised_on=on)


def close_flag(*, flag: Flag, on: date) -> Flag:
    flag.done_on = max(on, flag.raised_on)
    flag.save(update_fields=["done_on"])
    return flag


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
