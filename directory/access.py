"""Who may use the directory: every staff user with a membership reads it; coordinators keep it."""

from functools import wraps

from django.http import Http404


def is_staff_member(user) -> bool:
    return user.is_authenticated and bool(user.active_memberships)


def can_keep_directory(user) -> bool:
    return user.is_authenticated and any(m.can_manage_project for m in user.active_memberships)


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    return wrapper


def keeper_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_keep_directory(request.user):
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    return wrapper
