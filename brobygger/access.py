"""The decorator that turns a check on the user into the same 404 as a page that does not exist, and
the questions about a user that apps on every floor ask (of the user object, so no app is imported)."""

from functools import wraps

from django.http import Http404


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


def coordinated_projects(user) -> set[int]:
    """Ids of the projects `user` coordinates: those where one of their roles may manage the project
    (the capability `can_manage_project` of accounts' roles); none for a visitor not signed in.

    The one answer for every app. It is asked of the user object, so the access log (audit), which
    stands below accounts, uses it too. Ids, because most callers ask `in` or filter `project__in`;
    a page that lists the projects filters `Project.objects.filter(pk__in=...)`.
    """
    return user.projects_where("can_manage_project") if user.is_authenticated else set()


def is_coordinator(user, project) -> bool:
    """Whether `user` coordinates `project` (coordinated_projects, for one project)."""
    return project.pk in coordinated_projects(user)
