"""Reads that several pages share."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max, Min, Q
from django.utils.translation import gettext as _

from accounts.models import Membership

from .models import Course, Gender, Referral

QUIET_DAYS = 30
REFERRAL_WAIT_DAYS = 14


def courses_needing_attention(courses, today: date) -> list[dict]:
    """Open courses with something to act on, the oldest problem first.

    - no intervention recorded in the last 30 days,
    - a referral still waiting after 14 days,
    - age or gender not recorded (the national evaluation could not compare projects for this).
    """
    annotated = courses.open().annotate(
        last_intervention=Max("interventions__date"),
        oldest_waiting=Min("referrals__date", filter=Q(referrals__status=Referral.Status.REQUESTED)),
    )
    quiet_since = today - timedelta(days=QUIET_DAYS)
    waiting_since = today - timedelta(days=REFERRAL_WAIT_DAYS)
    problems = annotated.filter(
        Q(last_intervention__lt=quiet_since)
        | Q(last_intervention__isnull=True, start_date__lt=quiet_since)
        | Q(oldest_waiting__lt=waiting_since)
        | Q(gender=Gender.UNKNOWN)
        | Q(age_at_start__isnull=True, birth_year__isnull=True)
    ).order_by("start_date")[:200]
    items = []
    for course in problems:
        reasons = []
        if course.oldest_waiting and course.oldest_waiting < waiting_since:
            reasons.append(_("a referral has waited %(days)d days") % {"days": (today - course.oldest_waiting).days})
        last = course.last_intervention or course.start_date
        if last < quiet_since:
            reasons.append(_("no intervention recorded for %(days)d days") % {"days": (today - last).days})
        if course.gender == Gender.UNKNOWN or (course.age_at_start is None and course.birth_year is None):
            reasons.append(_("age or gender is not recorded"))
        items.append({"course": course, "reason": "; ".join(reasons)})
    return items


def responsible_candidates(course):
    """Who may be the course's responsible worker: the active staff of its organisation in its project
    (a role there that sees courses), so the responsible worker always sees the course."""
    # One filter() call: the three conditions hold for the same membership.
    return get_user_model().objects.filter(
        is_active=True, memberships__project_id=course.project_id,
        memberships__organisation_id=course.organisation_id,
        memberships__role__in=Membership.roles_with("can_see_courses"),
    ).distinct().order_by("first_name", "last_name", "username")


def responsible_candidates_by_organisation(project) -> dict:
    """responsible_candidates for every organisation of the project at once: {organisation id: [users]}.
    One query, for a page that offers reassignment on many courses."""
    memberships = Membership.objects.filter(
        project=project, role__in=Membership.roles_with("can_see_courses"), user__is_active=True,
    ).select_related("user").order_by("user__first_name", "user__last_name", "user__username")
    by_organisation = {}
    for m in memberships:
        users = by_organisation.setdefault(m.organisation_id, [])
        if m.user not in users:
            users.append(m.user)
    return by_organisation


def reassign_choices(user, project) -> dict | None:
    """For the coordinator, who may reassign: the candidates of each organisation
    (responsible_candidates_by_organisation); None for everyone else, who only see the name."""
    from .access import can_reassign_in

    return responsible_candidates_by_organisation(project) if can_reassign_in(user, project) else None


def project_of_course(code: str):
    """The id of the project of the course `code`, or None (for the access log)."""
    return Course.objects.filter(code=code).values_list("project_id", flat=True).first()
