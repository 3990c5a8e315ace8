"""Checks on a user's memberships that several apps share, and the decorator that turns a check
into the same 404 as a page that does not exist."""

from functools import wraps

from django.http import Http404


def is_staff_member(user) -> bool:
    """Anyone with an active membership (the learner role included)."""
    return user.is_authenticated and bool(user.active_memberships)


def coordinates_a_project(user) -> bool:
    return user.is_authenticated and any(m.can_manage_project for m in user.active_memberships)


def requires(check):
    """A view decorator: 404 unless `check(request.user)`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise Http404("Not found")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


administrator_required = requires(lambda user: user.is_administrator)
administrator_required.__doc__ = "Only administrators; everyone else gets the same 404 as for a page that does not exist."
