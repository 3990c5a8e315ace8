"""Writing the access log. Other apps call `record` for acts the middleware cannot see."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from brobygger.client import client_ip
from brobygger.identity import identity_problems
from brobygger.logfilter import CITIZEN_LINK, LINK
from brobygger.text import clean_control_characters

from .models import AccessEvent

logger = logging.getLogger("brobygger.audit")
Action = AccessEvent.Action
REFUSED = "[refused: identifying text]"
REFUSED_SHORT = "[refused]"  # where the column is too narrow for REFUSED (a course code)
# Query parameters that are not search criteria.
NOT_CRITERIA = {"page", "csrfmiddlewaretoken"}
# URL arguments that open something by themselves (the citizen's one-time WHO-5 link):
# never written to the log. An address no URL matched still goes through the console's rule.
SECRET_ARGUMENTS = {"token"}
SECRET = "[link]"  # nosec B105  # the placeholder written instead of a link, not a password
DETAIL_LIMIT = 300  # characters of an entry's detail


def safe_text(value: str, limit: int = 80) -> str:
    """A value fit for the log: never a CPR number, phone or e-mail someone typed."""
    # No control character in a log line (PostgreSQL refuses NUL; a newline would forge a line).
    value = clean_control_characters(str(value or ""))
    if identity_problems(value):
        return REFUSED if len(REFUSED) <= limit else REFUSED_SHORT
    return value[:limit]


def safe_path(request) -> str:
    """The request's path without any one-time key, fit for the log."""
    path = str(getattr(request, "path", "") or "")
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for key in SECRET_ARGUMENTS & set(match.kwargs):
            secret = str(match.kwargs[key])
            if secret:
                path = path.replace(secret, SECRET)
    return safe_text(CITIZEN_LINK.sub(LINK, path), 300)


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


# The log stands below the apps whose acts it records (README, Layout), so it reads none of their
# tables: each owner registers how to answer the log's questions (in its AppConfig.ready), courses
# "course_project" (a course id -> its project's id or None), projects "slug_projects" (an address's
# <slug> -> the ids of the projects it names) and "project_slugs" (() -> {project id: slug}).
_LOOKUPS: dict[str, Callable] = {}


def register_lookup(name: str, lookup: Callable) -> None:
    _LOOKUPS[name] = lookup


def course_project(code: str):
    """The id of the project of the course `code`, or None (no such course, or erased)."""
    return _LOOKUPS["course_project"](code)


def slug_projects(slug: str) -> set:
    return _LOOKUPS["slug_projects"](slug)


def project_slugs() -> dict:
    return _LOOKUPS["project_slugs"]()


def _detail(detail: str, facts: str) -> str:
    """`detail` checked for identifying text, then `facts` unchecked (record says why)."""
    if not facts:
        return safe_text(detail, DETAIL_LIMIT)
    facts = clean_control_characters(facts)[:DETAIL_LIMIT]
    room = DETAIL_LIMIT - len(facts) - 2
    return f"{safe_text(detail, room)}; {facts}" if detail and room > 0 else facts


def _event(request, *, action: str, user, course_code: str, project_id, detail: str, status,
           username: str, facts: str = "") -> AccessEvent:
    authenticated = getattr(user, "is_authenticated", False)
    match = getattr(request, "resolver_match", None) if request is not None else None
    return AccessEvent(
        at=timezone.now(),
        user_id=user.pk if authenticated else None,
        username=(user.get_username() if authenticated else safe_text(username, 150))[:150],
        roles=describe_roles(user, project_id) if authenticated else "",
        action=action,
        course_code=safe_text(course_code, 12) if course_code else "",
        project_id=project_id,
        url_name=(match.url_name or "")[:100] if match else "",
        path=safe_path(request) if request is not None else "",
        method=(getattr(request, "method", None) or "")[:8],
        status=status,
        ip=client_ip(request) if request is not None and hasattr(request, "META") else "",
        detail=_detail(detail, facts),
    )


def record(request=None, *, action: str, user=None, course=None, course_code: str = "", project_id=None,
           detail: str = "", facts: str = "", status=None, username: str = "") -> AccessEvent:
    """Add one entry. `course` (a Course) or `course_code` names the object; never pass data content.

    `detail` is checked for identifying text, since someone may have typed part of it. `facts`
    (ids, counts, a checksum: the app's own values, never typed text) follow it unchecked: a
    SHA-256 in hexadecimal holds digits that look like a CPR number in about one case in fourteen,
    and a refused checksum is a lost line of an export's ledger."""
    user = user if user is not None else getattr(request, "user", None)
    if course is not None:
        course_code, project_id = course.code, course.project_id
    elif course_code and project_id is None:
        project_id = course_project(course_code)
    event = _event(request, action=action, user=user, course_code=course_code, project_id=project_id,
                   detail=detail, facts=facts, status=status, username=username)
    event.save()
    logger.info("audit %s user=%s course=%s status=%s", action, event.username, event.course_code, status)
    return event


def record_courses(request, *, action: str, courses: dict, detail: str = "", status=None) -> list[AccessEvent]:
    """One entry per course (`courses` maps course id to project id), written together: a list
    page that shows fifty courses has read fifty courses, and each must answer "who saw it?"."""
    user = request.user
    events = [
        _event(request, action=action, user=user, course_code=code, project_id=project_id, detail=detail,
               status=status, username="")
        for code, project_id in courses.items()
    ]
    AccessEvent.objects.bulk_create(events)
    logger.info("audit %s user=%s courses=%d status=%s", action, user.get_username(), len(events), status)
    return events


@dataclass
class Notes:
    """What a view tells the access log about its request, beyond what its address says."""

    courses: dict = field(default_factory=dict)  # course id -> project id, in the order shown
    projects: set = field(default_factory=set)


def notes(request) -> Notes:
    if not hasattr(request, "_audit_notes"):
        request._audit_notes = Notes()
    return request._audit_notes


def shown(request, courses) -> None:
    """The page shows these courses' ids (Course objects, or anything with .code and .project_id).

    Every page that shows a course id reads the course: the middleware logs one entry per course
    once the page has been sent (not for a refusal). audit/tests/test_course_reads.py finds pages
    that show a course id and forget to say so.
    """
    noted = notes(request).courses
    for course in courses:
        noted.setdefault(course.code, course.project_id)


def concerns(request, *projects) -> None:
    """The request acts on these projects (Project objects or ids), for pages whose address names
    no project or course: the entry is stored with its project, so only that project's
    coordinator reads it."""
    notes(request).projects.update(getattr(p, "pk", p) for p in projects if p is not None)
