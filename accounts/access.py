from functools import wraps

from django.http import Http404


def administrator_required(view):
    """Only administrators; everyone else gets the same 404 as for a page that does not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_administrator:
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    return wrapper
