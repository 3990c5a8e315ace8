import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit import log
from brobygger.accesslog import Kind, logged_as
from brobygger.disclosure import Audience, audience

from . import exports
from .access import can_compare, national_analyst_projects, project_for_report, report_projects
from .disclosure import as_json, disclosed_report, exit_indicators_for_audience, for_audience
from .forms import ReportForm
from .presentation import comparison_tables, report_tables
from .selectors import Gathered, gather


def _report_context(request, slug, *, tables=True):
    """The report's numbers as its reader may see them (exact for the project's own staff, small
    counts hidden for everyone else), and unless `tables` is False its tables and charts."""
    project = project_for_report(request, slug)
    form = ReportForm(request.GET or None)
    as_of, period_start = form.dates()
    gathered = gather(project, as_of, period_start)
    reader = audience(request.user, project)
    gathered = Gathered(for_audience(gathered.data, reader), gathered.paired_tests,
                        exit_indicators_for_audience(gathered.exit_indicators, reader))
    outside = reader == Audience.OUTSIDE
    return {
        "project": project, "form": form, "as_of": as_of, "period_start": period_start, "outside": outside,
        "report": gathered.data, "exit_indicators": gathered.exit_indicators, "tables": report_tables(gathered, outside=outside) if tables else None,
        "query": request.GET.urlencode(),
    }


def _filename(context, ext):
    return f"rapport-{slugify(context['project'].slug)}-{context['as_of'].isoformat()}.{ext}"


@logged_as(Kind.REPORT)
def report_index(request):
    projects = list(report_projects(request.user))
    if not projects:
        raise Http404("No reports")
    return render(request, "reports/index.html", {"projects": projects, "can_compare": can_compare(request.user)})


@logged_as(Kind.REPORT)
def project_report(request, slug):
    return render(request, "reports/report.html", _report_context(request, slug))


@logged_as(Kind.REPORT)
def project_report_json(request, slug):
    context = _report_context(request, slug, tables=False)
    report = {**context["report"], "exit_indicators": context["exit_indicators"]}  # beside the contract's keys
    return HttpResponse(json.dumps(as_json(report), ensure_ascii=False, indent=2),
                        content_type="application/json; charset=utf-8")


@logged_as(Kind.REPORT)
def project_report_xlsx(request, slug):
    context = _report_context(request, slug)
    data = exports.report_xlsx(context["project"].name, context["tables"])
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "xlsx")}"'
    return response


@logged_as(Kind.REPORT)
def project_report_pdf(request, slug):
    context = _report_context(request, slug)
    response = HttpResponse(exports.report_pdf(context, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "pdf")}"'
    return response


def _compare_context(request):
    """The projects an analyst of a national organisation follows, side by side. Always read from
    outside the projects (brobygger.disclosure), whoever asks: the view is the national one."""
    if not can_compare(request.user):
        raise Http404("No cross-project view")
    form = ReportForm(request.GET or None)
    as_of, period_start = form.dates()
    projects = list(national_analyst_projects(request.user).order_by("name"))
    # Stored once for each project compared, so each project's coordinator reads it.
    log.concerns(request, *projects)
    reports = []
    for p in projects:
        gathered = gather(p, as_of, period_start)
        reports.append({**disclosed_report(gathered.data),
                        "exit_indicators": exit_indicators_for_audience(gathered.exit_indicators, Audience.OUTSIDE)})
    return {
        "form": form, "as_of": as_of, "period_start": period_start, "tables": comparison_tables(reports),
        "reports": reports, "title": _("Projects side by side"), "query": request.GET.urlencode(), "outside": True,
    }


@logged_as(Kind.REPORT)
def report_compare(request):
    return render(request, "reports/compare.html", _compare_context(request))


def _compare_filename(context, ext):
    return f"rapporter-side-om-side-{context['as_of'].isoformat()}.{ext}"


@logged_as(Kind.REPORT)
def report_compare_xlsx(request):
    context = _compare_context(request)
    data = exports.report_xlsx(context["title"], context["tables"])
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_compare_filename(context, "xlsx")}"'
    return response


@logged_as(Kind.REPORT)
def report_compare_pdf(request):
    context = _compare_context(request)
    pdf = exports.report_pdf(context, request, template="reports/compare_pdf.html")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_compare_filename(context, "pdf")}"'
    return response
