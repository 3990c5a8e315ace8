"""What the access log makes of a request is declared on its view (brobygger.accesslog), never read
from the address's name."""

import pytest
from django.http import HttpResponse
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import ResolverMatch

from audit.middleware import classify
from audit.models import AccessEvent
from brobygger.accesslog import Kind, logged_as

Action = AccessEvent.Action


def every_address(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from every_address(pattern, prefix + str(pattern.pattern))
        else:
            yield pattern.name, prefix + str(pattern.pattern), pattern.callback


def test_every_address_declares_its_kind():
    missing = [f"{name} ({route})" for name, route, view in every_address()
               if not isinstance(getattr(view, "audit_kind", None), Kind)]
    assert not missing, "Declare each view's kind with @logged_as(Kind....) (brobygger.accesslog):\n" + "\n".join(missing)


def request_to(rf, kind, *, method="get", url_name="plain_page", kwargs=None, query=None):
    view = logged_as(kind)(lambda request: HttpResponse())
    request = getattr(rf, method)("/somewhere/", query or {})
    request.resolver_match = ResolverMatch(view, (), kwargs or {}, url_name=url_name)
    return request


@pytest.mark.parametrize("kind, method, expected", [
    (Kind.PAGE, "get", None),
    (Kind.PAGE, "post", Action.CHANGE),
    (Kind.COURSE_LIST, "get", Action.VIEW),
    (Kind.REPORT, "get", Action.REPORT),
    (Kind.REPORT, "post", Action.CHANGE),
    (Kind.EXPORT, "get", Action.EXPORT),
    (Kind.EXPORT, "post", Action.EXPORT),
    (Kind.IMPORT, "get", Action.IMPORT),
    (Kind.IMPORT, "post", Action.IMPORT),
    (Kind.INVITATION, "get", None),
    (Kind.INVITATION, "post", Action.INVITATION),
    (Kind.AUDIT, "get", Action.AUDIT),
    (Kind.AUDIT, "post", Action.CHANGE),
    (Kind.NOT_LOGGED, "get", None),
    (Kind.NOT_LOGGED, "post", None),
])
def test_the_declared_kind_and_the_method_decide_the_action(rf, kind, method, expected):
    assert classify(request_to(rf, kind, method=method), HttpResponse()) == expected


@pytest.mark.parametrize("url_name", ["audit_export", "project_report", "import_start", "who5_invite", "login"])
def test_a_name_that_sounds_like_another_kind_changes_nothing(rf, url_name):
    # Under the old rule these names made the entry an export, a report, an import, an
    # invitation or nothing at all; a plain page stays a plain page whatever it is called.
    assert classify(request_to(rf, Kind.PAGE, url_name=url_name), HttpResponse()) is None
    assert classify(request_to(rf, Kind.PAGE, method="post", url_name=url_name), HttpResponse()) == Action.CHANGE


def test_a_page_about_one_course_is_a_view_or_a_search(rf):
    assert classify(request_to(rf, Kind.PAGE, kwargs={"code": "KBH-7QF3"}), HttpResponse()) == Action.VIEW
    searched = request_to(rf, Kind.PAGE, kwargs={"code": "KBH-7QF3"}, query={"q": "rådgivning"})
    assert classify(searched, HttpResponse()) == Action.SEARCH


def test_a_refusal_and_a_download_are_told_by_the_response(rf):
    assert classify(request_to(rf, Kind.REPORT), HttpResponse(status=404)) == Action.DENIED
    download = HttpResponse(headers={"Content-Disposition": 'attachment; filename="x.csv"'})
    assert classify(request_to(rf, Kind.PAGE), download) == Action.EXPORT
