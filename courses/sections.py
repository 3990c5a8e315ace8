"""What the courses app adds to other pages (brobygger.sections)."""

from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone

from audit import log
from brobygger.access import is_coordinator

from .access import visible_courses
from .models import BreakGlass


def break_glass_meeting_section(request, project):
    """On the team meeting page, for the project's coordinator only: emergency access since the
    meeting (request.meeting_since), with who, which course and why."""
    if not is_coordinator(request.user, project):
        return None
    since = getattr(request, "meeting_since", None) or timezone.localdate()
    start = timezone.make_aware(datetime.combine(since, time.min))
    items = list(BreakGlass.objects.filter(course__project=project, opened_at__gte=start)
                 .select_related("course", "user", "organisation").order_by("opened_at", "pk"))
    log.shown(request, [item.course for item in items])
    return {"items": items} if items else None


def project_counts_section(request, project):
    """On the project page, for those who see courses: how many of the project's courses they see."""
    if not any(m.can_see_courses for m in request.user.memberships_in(project)):
        return None
    counts = visible_courses(request.user).filter(project=project).aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(end_date__isnull=True))
    )
    return {"project": project, "course_counts": counts}
