"""Parts of other apps' pages: the team meeting and the course page."""

from brobygger.access import is_coordinator
from brobygger.disclosure import Audience, audience, hide_counts

from .access import can_follow_up
from .selectors import (
    contacts_by_site_between,
    contacts_by_site_since,
    contacts_for_course,
    has_outreach,
    linked_cards,
    remembered_site,
)


def team_meeting_section(request, project):
    """Outreach contacts per site since the last meeting (request.meeting_since), in projects that do outreach."""
    if not can_follow_up(request.user, project) or not has_outreach(project):
        return None
    since = getattr(request, "meeting_since", None)
    if since is None:
        return None
    from datetime import timedelta

    from django.utils import timezone

    sites = contacts_by_site_since(project, since)
    total = sum(sites.values())
    # The trend: this period against the one just before it, of the same length.
    days = (timezone.localdate() - since).days + 1
    previous_start, previous_end = since - timedelta(days=days), since - timedelta(days=1)
    previous = contacts_by_site_between(project, previous_start, previous_end)
    previous_total = sum(previous.values())
    if audience(request.user, project) == Audience.OUTSIDE:
        sites, total = hide_counts(sites, total)
        previous, previous_total = hide_counts(previous, previous_total)
    rows = [(site, sites.get(site, 0), previous.get(site, 0)) for site in dict.fromkeys([*sites, *previous])]
    return {"project": project, "since": since, "sites": sites, "total": total, "rows": rows,
            "previous_start": previous_start, "previous_end": previous_end, "previous_total": previous_total}


def course_section(request, course):
    """Anonymous contacts of the cards linked to this course (the citizen asked for the link)."""
    cards = list(linked_cards(course))
    if not cards:
        return None
    contacts = list(contacts_for_course(course)[:50])
    return {"course": course, "cards": cards, "contacts": contacts,
            "can_unlink": is_coordinator(request.user, course.project)}


def home_section(request, user):
    """First on an outreach worker's home page: the way to the contact form, with the site in the link.

    Today's site (remembered from the worker's last contact) gives one button; before the first contact
    of the day there is one button per site, so that choosing the site is the tap that opens the form."""
    from django.utils import timezone

    today = timezone.localdate()
    rows = []
    for membership in user.active_memberships:
        if not (membership.project_id and membership.starts_at_the_contact_form):
            continue
        project = membership.project
        remembered = remembered_site(project=project, user=user, day=today)
        sites = [remembered] if remembered else list(project.sites.filter(active=True).order_by("name"))
        rows.append({"project": project, "sites": sites})
    return {"rows": rows} if rows else None
