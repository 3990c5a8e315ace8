"""Logs every request that touches a course, searches, changes, exports, reports and refusals."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from brobygger.accesslog import Kind
from brobygger.identity import identity_problems

from . import log

Action = log.Action
STATIC_PREFIXES = ("/static/", "/media/", "/favicon")


def url_projects(match) -> set:
    """The project an address names: every `<slug>` in Brobygger's addresses is a project's
    (audit/tests/test_project_scope.py checks that each such page is logged with its project)."""
    slug = match.kwargs.get("slug") if match else None
    return log.slug_projects(slug) if slug else set()


def classify(request, response) -> str | None:
    """The action to log, from the view's declared kind (log.logged_as), the method and the response."""
    match = request.resolver_match
    kind = getattr(match.func, "audit_kind", Kind.PAGE) if match else Kind.PAGE
    status = response.status_code
    reads = request.method in ("GET", "HEAD", "OPTIONS")
    if status == 404:
        return Action.DENIED
    if kind == Kind.NOT_LOGGED:
        return None
    if kind == Kind.EXPORT or response.get("Content-Disposition", "").startswith("attachment"):
        return Action.EXPORT
    if kind == Kind.IMPORT:
        return Action.IMPORT
    if not reads:
        return Action.INVITATION if kind == Kind.INVITATION else Action.CHANGE
    if kind == Kind.AUDIT:
        return Action.AUDIT
    if kind == Kind.REPORT:
        return Action.REPORT
    if (match and match.kwargs.get("code")) or kind == Kind.COURSE_LIST:
        return Action.SEARCH if log.search_criteria(request.GET) else Action.VIEW
    if log.search_criteria(request.GET):
        return Action.SEARCH
    return None


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STATIC_PREFIXES):
            return self.get_response(request)
        refused = self._identity_in_query(request)
        if refused is not None:
            return refused
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        action = classify(request, response)
        notes = log.notes(request)
        # A refused request showed nothing; any other page that showed courses has read them.
        shown = notes.courses if action != Action.DENIED and response.status_code < 400 else {}
        if action is None and shown:
            action = Action.VIEW
        if action:
            self._record(request, response, action, shown, notes.projects)
        return response

    def _record(self, request, response, action, shown, projects):
        match = request.resolver_match
        code = str(match.kwargs.get("code", "")) if match else ""
        status = response.status_code
        detail = log.search_criteria(request.GET) if action in (Action.SEARCH, Action.REPORT, Action.EXPORT, Action.AUDIT) else ""
        if code:
            # An erased course is gone when this runs: its view said which project it was in.
            project_id = log.course_project(code)
            if project_id is None and len(projects) == 1:
                project_id = next(iter(projects))
            log.record(request, action=action, course_code=code, project_id=project_id, status=status, detail=detail)
        others = {c: p for c, p in shown.items() if c != code}
        if others:
            log.record_courses(request, action=action, courses=others, detail=detail, status=status)
        if code or others:
            return
        # Not about one course: stored once for each project it concerns, so that each
        # project's coordinator reads it and no other project's does.
        for project_id in sorted(projects or url_projects(match)) or [None]:
            log.record(request, action=action, project_id=project_id, status=status, detail=detail)

    def _identity_in_query(self, request):
        """A CPR number (or phone, e-mail) typed into a search is not searched for, shown or logged.

        The address is rewritten without it, so it leaves no trace in the page, the language
        switcher's return address or the browser history.
        """
        if request.method != "GET" or not request.GET:
            return None
        bad = [key for key in request.GET if any(identity_problems(v) for v in request.GET.getlist(key))]
        if not bad:
            return None
        query = request.GET.copy()
        for key in bad:
            query.pop(key)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # The address is not resolved yet: stored in each of the user's projects, so their
            # coordinators see that identifying text was typed (and refused), and no one else.
            detail = "; ".join(f"{k}={log.REFUSED}" for k in bad)
            projects = sorted({m.project_id for m in user.active_memberships if m.project_id})
            for project_id in projects or [None]:
                log.record(request, action=Action.SEARCH, project_id=project_id, detail=detail)
        # Not for htmx: a fragment (the phone's card check while typing) shows no messages, so the
        # message would wait in the session and appear on the next whole page, after a good save.
        if hasattr(request, "_messages") and not request.headers.get("HX-Request"):
            messages.error(request, _(
                "Brobygger does not search for CPR numbers, phone numbers or e-mail addresses: "
                "citizens are known only by their course id. The search was not made."
            ))
        target = request.path + (f"?{query.urlencode()}" if query else "")
        return HttpResponseRedirect(target)
