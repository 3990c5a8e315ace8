from django.http import Http404

from courses.access import course_for_user


def is_rights_officer(user) -> bool:
    """Coordinators handle the citizen's rights for the courses of their projects."""
    return user.is_authenticated and any(m.sees_all_courses for m in user.active_memberships)


def course_for_rights(request, code):
    if not is_rights_officer(request.user):
        raise Http404("Not a coordinator")
    course = course_for_user(request, code)
    if not any(m.sees_all_courses for m in request.user.memberships_in(course.project)):
        raise Http404("Not the coordinator of this course's project")
    return course
