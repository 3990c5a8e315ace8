"""The network's open actions on the weekly team meeting page (obj = Project)."""

from datetime import timedelta

from django.utils import timezone

from .access import is_staff_member
from .selectors import open_actions


def network_actions_section(request, project):
    if not is_staff_member(request.user):
        return None
    actions = list(open_actions(project).order_by("due", "pk"))
    if not actions:
        return None
    today = timezone.localdate()
    since = getattr(request, "meeting_since", None) or today - timedelta(days=7)
    for action in actions:
        action.is_overdue = action.due < today
        action.is_new = action.meeting.date >= since
    return {"actions": actions, "project": project, "today": today, "since": since}
