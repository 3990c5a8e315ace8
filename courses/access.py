"""Who may see which course. Every view that shows a course starts here."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from accounts.models import Membership

from .models import Consent, Course


def visible_courses(user):
    """The courses `user` may see.

    A coordinator sees every course of their project; a caseworker those of their own
    organisation and those another partner shared with the citizen's active consent.
    Nobody else sees any.
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
            condition |= Q(project_id=m.project_id) & (Q(organisation_id=m.organisation_id) | Exists(shared))
    return Course.objects.filter(condition)


def course_for_user(request, code: str) -> Course:
    """The course with `code` if the user may see it; 404 otherwise, so ids leak nothing."""
    try:
        return visible_courses(request.user).select_related("project", "organisation").get(code=code)
    except Course.DoesNotExist:
        raise Http404("No such course") from None


def can_manage_course(user, course: Course) -> bool:
    """Change the course itself (details, end, consents): its own organisation or a coordinator."""
    for m in user.memberships_in(course.project):
        if m.sees_all_courses or (m.can_see_courses and m.organisation_id == course.organisation_id):
            return True
    return False


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


def caseworker_roles():
    return (Membership.Role.CASEWORKER, Membership.Role.COORDINATOR)
