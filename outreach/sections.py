"""Parts of other apps' pages: the team meeting and the course page."""

from brobygger.disclosure import Audience, audience, hide_counts

from .access import can_follow_up, is_coordinator
from .selectors import contacts_by_site_since, contacts_for_course, linked_cards


def team_meeting_section(request, project):
    """Outreach contacts per site since the last meeting (request.meeting_since)."""
    if not can_follow_up(request.user, project):
        return None
    since = getattr(request, "meeting_since", None)
    if since is None:
        return None
    sites = contacts_by_site_since(project, since)
    total = sum(sites.values())
    if audience(request.user, project) == Audience.OUTSIDE:
        sites, total = hide_counts(sites, total)
    return {"project": project, "since": since, "sites": sites, "total": total}


def course_section(request, course):
    """Anonymous contacts of the cards linked to this course (the citizen asked for the link)."""
    cards = list(linked_cards(course))
    if not cards:
        return None
    contacts = list(contacts_for_course(course)[:50])
    return {"course": course, "cards": cards, "contacts": contacts,
            "can_unlink": is_coordinator(request.user, course.project)}
