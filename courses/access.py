"""Who may see which course. Every view that shows a course starts here."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from brobygger.access import is_coordinator

from .models import BreakGlass, Consent, Course


def visible_courses(user):
    """The courses `user` may see.

    A coordinator sees every course of their project; a caseworker those of their own
    organisation, those another partner shared with the citizen's active consent, and one
    they opened by break-glass until that access ends. Nobody else sees any.
    """
    if not user.is_authenticated:
        return Course.objects.none()
    condition = Q(pk__in=[])
    for m in user.active_memberships:
        if not m.can_see_courses:
            continue
        if m.sees_all_courses:
            condition |= Q(project_id=m.project_id)
        else:
            shared = Consent.objects.filter(
                course=OuterRef("pk"),
                organisation_id=m.organisation_id,
                scope=Consent.Scope.SHARE_COURSE,
                withdrawn_on__isnull=True,
            )
            scope = Q(organisation_id=m.organisation_id) | Exists(shared)
            if m.can_break_glass:
                scope |= Exists(open_break_glass(user).filter(course=OuterRef("pk")))
            condition |= Q(project_id=m.project_id) & scope
    return Course.objects.filter(condition)


def course_for_user(request, code: str) -> Course:
    """The course with `code` if the user may see it; 404 otherwise, so ids leak nothing.

    A look through break-glass is marked in the access log, each time.
    """
    try:
        course = visible_courses(request.user).select_related("project", "organisation", "responsible").get(code=code)
    except Course.DoesNotExist:
        raise Http404("No such course") from None
    _mark_break_glass(request, course)
    return course


# Break-glass: a caseworker of the project opens a course outside their scope in an emergency,
# by giving a reason, for settings.BREAK_GLASS_HOURS. Coordinators see every course anyway.


def open_break_glass(user):
    """The user's break-glass accesses that have not ended."""
    return BreakGlass.objects.filter(user_id=user.pk, expires_at__gt=timezone.now())


def break_glass_course(request, code: str) -> Course:
    """The open course with `code` in a project where the user may break glass; 404 otherwise.

    The same 404 for an id that does not exist, a course of another project and a person who
    may not break glass at all: the page that asks for the reason tells nobody else whether
    an id exists.
    """
    projects = request.user.projects_where("can_break_glass") if request.user.is_authenticated else set()
    try:
        return Course.objects.open().select_related("project").get(code=code, project_id__in=projects)
    except Course.DoesNotExist:
        raise Http404("No such course") from None


def may_break_glass(user, course: Course) -> bool:
    return course.is_open and any(m.can_break_glass for m in user.memberships_in(course.project))


def _mark_break_glass(request, course: Course) -> None:
    from audit import log

    user = request.user
    memberships = user.memberships_in(course.project)
    if any(m.sees_all_courses or m.organisation_id == course.organisation_id for m in memberships):
        return  # their own course: no glass to break (and no query)
    if not any(m.can_break_glass for m in memberships):
        return
    access = open_break_glass(user).filter(course=course).order_by("-expires_at").first()
    if access is None:
        return  # shared with the citizen's consent
    request.break_glass = access
    log.record(request, action=log.Action.BREAK_GLASS, course=course,
               detail=f"look; open until {timezone.localtime(access.expires_at):%Y-%m-%d %H:%M}")


def can_manage_course(user, course: Course) -> bool:
    """Change the course itself (details, end, consents): its own organisation or a coordinator."""
    for m in user.memberships_in(course.project):
        if m.sees_all_courses or (m.can_see_courses and m.organisation_id == course.organisation_id):
            return True
    return False


def can_reassign_in(user, project) -> bool:
    """Choose courses' responsible workers: the project's coordinator (at the team meeting)."""
    return is_coordinator(user, project)


def can_reassign_course(user, course: Course) -> bool:
    return can_reassign_in(user, course.project)


def can_change_referral(user, referral) -> bool:
    """Change a referral's status: whoever may manage the course (its organisation, the coordinator),
    and the organisation that made the referral. A partner that only shares the course looks on."""
    course = referral.course
    if can_manage_course(user, course):
        return True
    return any(m.can_see_courses and m.organisation_id == referral.organisation_id
               for m in user.memberships_in(course.project))


def acting_organisation(user, course: Course):
    """The organisation on whose behalf `user` records something on `course`."""
    memberships = [m for m in user.memberships_in(course.project) if m.can_see_courses]
    for m in memberships:
        if m.organisation_id == course.organisation_id:
            return m.organisation
    return memberships[0].organisation if memberships else None


def course_memberships(user):
    """Memberships through which the user may register courses."""
    return [m for m in user.active_memberships if m.can_see_courses]
