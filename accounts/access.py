"""Checks on a user's memberships that several apps share (turned into a view's 404 by
brobygger.access.requires)."""


def is_staff_member(user) -> bool:
    """Anyone with an active membership (the learner role included)."""
    return user.is_authenticated and bool(user.active_memberships)


def coordinates_a_project(user) -> bool:
    return user.is_authenticated and any(m.can_manage_project for m in user.active_memberships)
