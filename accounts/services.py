"""Giving and taking away roles: the one place for the rule and the log line, for every page."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit import log

from .models import Membership


def self_grant_problem(*, by, user, role) -> str | None:
    """Why `by` may not give `user` this role, or None.

    Nobody gives themselves a role that opens courses: an administrator has no course content
    (README), and a coordinator's own access is someone else's decision. Others may be given it.
    """
    if by is not None and user is not None and by.pk == user.pk and Membership(role=role).can_see_courses:
        return _("You cannot give yourself a role that opens citizen courses. Ask another administrator.")
    return None


def describe_grant(membership: Membership) -> str:
    project = membership.project
    where = f"{project.slug} (#{project.pk})" if project else "all projects"
    return (
        f"{membership.role}; to: {membership.user.username} (#{membership.user_id}); "
        f"organisation: {membership.organisation.name} (#{membership.organisation_id}); project: {where}"
    )


def grant_role(*, by, user, organisation, project, role, request=None) -> Membership:
    problem = self_grant_problem(by=by, user=user, role=role)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        membership = Membership.objects.create(user=user, organisation=organisation, project=project, role=role)
        log.record(request, user=by, action=log.Action.CHANGE, project_id=project.pk if project else None,
                   detail=f"role granted: {describe_grant(membership)}")
    return membership


def remove_role(*, by, membership: Membership, request=None) -> None:
    with transaction.atomic():
        detail = f"role removed: {describe_grant(membership)}"
        project_id = membership.project_id
        membership.delete()
        log.record(request, user=by, action=log.Action.CHANGE, project_id=project_id, detail=detail)
