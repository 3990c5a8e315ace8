"""What the courses app adds to other pages (brobygger.sections)."""

from datetime import datetime, time

from django.utils import timezone

from audit import log

from .models import BreakGlass


def break_glass_meeting_section(request, project):
    """On the team meeting page, for the project's coordinator only: emergency access since the
    meeting (request.meeting_since), with who, which course and why."""
    if not any(m.can_manage_project for m in request.user.memberships_in(project)):
        return None
    since = getattr(request, "meeting_since", None) or timezone.localdate()
    start = timezone.make_aware(datetime.combine(since, time.min))
    items = list(BreakGlass.objects.filter(course__project=project, opened_at__gte=start)
                 .select_related("course", "user", "organisation").order_by("opened_at", "pk"))
    log.shown(request, [item.course for item in items])
    return {"items": items} if items else None
