"""The decorator that turns a check on the user into the same 404 as a page that does not exist."""

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
