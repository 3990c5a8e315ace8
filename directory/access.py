"""Who may use the directory: every staff user with a membership reads it; coordinators keep it."""

from functools import wraps

from django.http import Http404


def is_staff_member(user) -> bool:
    return user.is_authenticated and bool(user.active_memberships)


def can_keep_directory(user) -> bool:
    return user.is_authenticated and any(m.can_manage_project for m in user.active_memberships)


def _requires(check):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise Http404("Not found")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = _requires(is_staff_member)
keeper_required = _requires(can_keep_directory)
