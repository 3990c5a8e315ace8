"""Checks on a user's memberships that several apps share (turned into a view's 404 by
brobygger.access.requires)."""

from brobygger.access import coordinated_projects


def is_staff_member(user) -> bool:
    """Anyone with an active membership (the learner role included)."""
    return user.is_authenticated and bool(user.active_memberships)


def coordinates_a_project(user) -> bool:
    return bool(coordinated_projects(user))
