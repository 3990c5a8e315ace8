from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from .accesslog import Kind, logged_as


def public(view):
    """A page anyone may open without signing in."""
    return login_not_required(view)


@logged_as(Kind.PAGE)
@public
def accessibility(request):
    return render(request, "accessibility.html")


@logged_as(Kind.PAGE)
@public
def privacy(request):
    return render(request, "privacy.html")


@public
def not_found(request, exception=None):
    return render(request, "404.html", status=404)
