"""Writing the access log. Other apps call `record` for acts the middleware cannot see."""

import logging
import re

from django.utils import timezone

from brobygger.identity import identity_problems
from signin.middleware import client_ip

from .models import AccessEvent

logger = logging.getLogger("brobygger.audit")
Action = AccessEvent.Action
REFUSED = "[refused: identifying text]"
REFUSED_SHORT = "[refused]"  # where the column is too narrow for REFUSED (a course code)
# NUL and other control characters: PostgreSQL refuses NUL, and none belongs in a log line.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Query parameters that are not search criteria.
NOT_CRITERIA = {"page", "csrfmiddlewaretoken"}


def safe_text(value: str, limit: int = 80) -> str:
    """A value fit for the log: never a CPR number, phone or e-mail someone typed."""
    value = CONTROL_CHARACTERS.sub("", str(value or ""))
    if identity_problems(value):
        return REFUSED if len(REFUSED) <= limit else REFUSED_SHORT
    return value[:limit]


def search_criteria(query) -> str:
    """The search criteria of a query string, with identifying text replaced."""
    parts = []
    for key in sorted(query.keys()):
        if key in NOT_CRITERIA:
            continue
        values = [v for v in query.getlist(key) if v]
        if values:
            parts.append(f"{safe_text(key, 30)}=" + "|".join(safe_text(v) for v in values))
    return "; ".join(parts)[:300]


def describe_roles(user, project_id=None) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    memberships = user.active_memberships
    if project_id is not None:
        in_project = [m for m in memberships if m.project_id == project_id]
        memberships = in_project or [m for m in memberships if m.project_id is None]
    return "; ".join(f"{m.organisation.name}: {m.role}" for m in memberships)[:300]


def course_project(code: str):
    from courses.models import Course

    return Course.objects.filter(code=code).values_list("project_id", flat=True).first()


def record(request=None, *, action: str, user=None, course=None, course_code: str = "", project_id=None,
           detail: str = "", status=None, username: str = "") -> AccessEvent:
    """Add one entry. `course` (a Course) or `course_code` names the object; never pass data content."""
    user = user if user is not None else getattr(request, "user", None)
    if course is not None:
        course_code, project_id = course.code, course.project_id
    elif course_code and project_id is None:
        project_id = course_project(course_code)
    authenticated = getattr(user, "is_authenticated", False)
    match = getattr(request, "resolver_match", None) if request is not None else None
    event = AccessEvent(
        at=timezone.now(),
        user_id=user.pk if authenticated else None,
        username=(user.get_username() if authenticated else safe_text(username, 150))[:150],
        roles=describe_roles(user, project_id) if authenticated else "",
        action=action,
        course_code=safe_text(course_code, 12) if course_code else "",
        project_id=project_id,
        url_name=(match.url_name or "")[:100] if match else "",
        path=safe_text(getattr(request, "path", ""), 300),
        method=(getattr(request, "method", None) or "")[:8],
        status=status,
        ip=client_ip(request) if request is not None and hasattr(request, "META") else "",
        detail=safe_text(detail, 300),
    )
    event.save()
    logger.info("audit %s user=%s course=%s status=%s", action, event.username, event.course_code, status)
    return event
