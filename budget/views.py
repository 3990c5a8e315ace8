from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brobygger import pdf
from brobygger.accesslog import Kind, logged_as
from brobygger.sections import render_sections
from projects.models import Project

from . import costs, goals, meeting, spending
from .access import (
    budget_project,
    can_manage_budget,
    can_read_budget,
    hides_small_numbers,
    initiative_for_user,
    is_team_member,
    team_project,
)
from .charts import cost_chart, money_chart
from .finance_csv import MAX_UPLOAD_BYTES, ImportRefused
from .forecast import InitiativeFigures, budget_figures
from .forms import BudgetLineForm, FlagForm, ImportForm, IndicatorForm, InitiativeForm, SpendingForm
from .models import BudgetLine, Flag, Initiative
from .money import ZERO, thousands
from .tables import appropriation_table, budget_table


@logged_as(Kind.PAGE)
def budget_home(request):
    """The projects in which the user may follow the budget or join the team meeting."""
    projects = []
    for project in Project.objects.filter(pk__in={m.project_id for m in request.user.active_memberships if m.project_id}):
        memberships = request.user.memberships_in(project)
        entry = {"project": project, "budget": can_read_budget(request.user, project),
                 "meeting": any(is_team_member(m) for m in memberships)}
        if entry["budget"] or entry["meeting"]:
            projects.append(entry)
    if not projects:
        raise Http404("Nothing to follow up")
    return render(request, "budget/home.html", {"projects": projects})


def _chart(figures: InitiativeFigures, title: str):
    totals = figures.month_totals()
    if not totals:
        return "", totals
    k = lambda v: float(thousands(v))  # noqa: E731 - the chart needs floats; the table keeps Decimals
    series = [
        (_("Budget, planned"), [k(t["plan_cumulative"]) for t in totals]),
        (_("Forecast"), [k(t["forecast_cumulative"]) for t in totals]),
        (_("Spent"), [k(t["spent_cumulative"]) if t["booked"] else None for t in totals]),
    ]
    labels = [date_format(t["month"], "M") for t in totals]
    return money_chart(title, labels, series), totals


@logged_as(Kind.PAGE)
def project_budget(request, slug):
    project = budget_project(request, slug)
    figures = budget_figures(project.initiatives.all())
    hide = hides_small_numbers(request.user, project)
    cost = costs.cost_per_outcome(project, figures, hide_small=hide, today=timezone.localdate())
    progress = goals.goals_progress([f.initiative for f in figures], hide_small=hide, beside=cost)
    initiatives = [{"figures": f, "goals": g} for f, g in zip(figures, progress, strict=True)]
    return render(request, "budget/project.html", {
        "project": project, "initiatives": initiatives, "table": budget_table(figures),
        "costs": cost, "cost_chart": cost_chart(cost.together[-1]) if cost.together else "",
        "appropriations": appropriation_table(figures),
        "can_manage": can_manage_budget(request.user, project),
        "budget": sum((f.budget for f in figures), ZERO),
        "spent": sum((f.spent for f in figures), ZERO),
        "forecast": sum((f.forecast for f in figures), ZERO),
    })


@logged_as(Kind.PAGE)
def initiative_detail(request, slug, number):
    initiative = initiative_for_user(request, slug, number)
    figures = budget_figures([initiative])[0]
    chart, totals = _chart(figures, _("Money over the months, cumulative, 1,000 DKK"))
    hide = hides_small_numbers(request.user, initiative.project)
    # A reader outside sees the project's cost table on the budget page: the goals hide what they hide there.
    beside = costs.cost_per_outcome(initiative.project, budget_figures(initiative.project.initiatives.all()),
                                    hide_small=True, today=timezone.localdate()) if hide else None
    return render(request, "budget/initiative.html", {
        "project": initiative.project, "initiative": initiative, "figures": figures, "chart": chart,
        "totals": totals,
        "goals": goals.goal_progress(initiative, hide_small=hide, beside=beside),
        "can_manage": can_manage_budget(request.user, initiative.project),
        "imports": initiative.imports.select_related("imported_by")[:10],
    })


@logged_as(Kind.PAGE)
def initiative_edit(request, slug, number=None):
    if number is None:
        project = budget_project(request, slug, manage=True)
        initiative = Initiative(project=project, start_date=project.start_date, end_date=project.end_date)
    else:
        initiative = initiative_for_user(request, slug, number, manage=True)
        project = initiative.project
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        initiative = form.save(commit=False)
        if initiative.number is None:
            initiative.number = Initiative.next_number(project)
        initiative.save()
        messages.success(request, _("The initiative is saved."))
        return redirect("initiative_detail", project.slug, initiative.number)
    return render(request, "budget/edit_form.html", {
        "project": project, "initiative": initiative if number else None, "form": form,
        "heading": _("Edit the initiative") if number else _("New initiative"), "button": _("Save"),
    })


@logged_as(Kind.PAGE)
def budget_line_edit(request, slug, number, pk=None):
    initiative = initiative_for_user(request, slug, number, manage=True)
    line = get_object_or_404(BudgetLine, pk=pk, initiative=initiative) if pk else BudgetLine(
        initiative=initiative, year=initiative.start_date.year)
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The budget line is saved."))
        return redirect("initiative_detail", initiative.project.slug, initiative.number)
    return render(request, "budget/edit_form.html", {
        "project": initiative.project, "initiative": initiative, "form": form,
        "heading": _("Edit the budget line") if pk else _("New budget line"), "button": _("Save"),
    })


@logged_as(Kind.PAGE)
def spending_add(request, slug, number):
    initiative = initiative_for_user(request, slug, number, manage=True)
    form = SpendingForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            spending.enter_spending(line=data["line"], month=data["month"], kind=data["kind"], amount=data["amount"],
                                    text=data["text"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The amount is saved and the forecast updated."))
            return redirect("initiative_detail", initiative.project.slug, initiative.number)
    return render(request, "budget/form.html", {
        "project": initiative.project, "initiative": initiative, "form": form,
        "heading": _("Enter spending for a month"), "button": _("Save"),
    })


@logged_as(Kind.IMPORT)
def spending_import(request, slug, number):
    initiative = initiative_for_user(request, slug, number, manage=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            record = spending.import_finance_csv(initiative=initiative, filename=upload.name, data=data, by=request.user)
        except ImportRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, _("%(added)d rows imported; %(skipped)d rows were already imported before.")
                             % {"added": record.rows_added, "skipped": record.rows_already_imported})
            return redirect("initiative_detail", initiative.project.slug, initiative.number)
    accounts = initiative.lines.order_by("year", "finance_account")
    return render(request, "budget/import.html", {
        "project": initiative.project, "initiative": initiative, "form": form, "problems": problems,
        "accounts": accounts,
    })


@logged_as(Kind.PAGE)
def indicator_add(request, slug, number):
    initiative = initiative_for_user(request, slug, number, manage=True)
    form = IndicatorForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            goals.add_indicator(initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator is added to the goal."))
            return redirect("initiative_detail", initiative.project.slug, initiative.number)
    return render(request, "budget/form.html", {
        "project": initiative.project, "initiative": initiative, "form": form,
        "heading": _("Follow the goal with an indicator"), "button": _("Add"),
    })


def status_document(request, project, number=None):
    """The committee status as a laid-out WeasyPrint document (the view writes it as PDF)."""
    everything = budget_figures(project.initiatives.all())
    figures = [f for f in everything if number is None or f.initiative.number == number]
    if not figures:
        raise Http404("No initiatives")
    # Over every initiative, so that each PDF hides the same counts (budget.costs).
    cost = costs.cost_per_outcome(project, everything, hide_small=True, today=timezone.localdate())
    if number is not None:
        cost = cost.for_initiative(number)
    items = []
    # The committee reads from outside the project: always the hidden figures (brobygger.disclosure).
    # Over every initiative too, so a goal hidden in the project's PDF is hidden in its initiative's.
    progress = [g for f, g in zip(everything, goals.goals_progress([f.initiative for f in everything], hide_small=True,
                                                                   beside=cost), strict=True)
                if number is None or f.initiative.number == number]
    for f, g in zip(figures, progress, strict=True):
        chart, _totals = _chart(f, _("Money over the months, cumulative, 1,000 DKK")) if number else ("", None)
        items.append({"figures": f, "goals": g, "chart": chart})
    html = render_to_string("budget/status_pdf.html", {
        "project": project, "items": items, "table": budget_table(figures), "single": number is not None,
        "costs": cost, "cost_chart": cost_chart(cost.together[-1]) if cost.together else "",
        "today": timezone.localdate(),
    }, request=request)
    return pdf.pdf_document(html)


@logged_as(Kind.PAGE)
def committee_status_pdf(request, slug, number=None):
    """The committee status: goal, indicators against targets, money against budget; small numbers hidden."""
    project = budget_project(request, slug)
    document = pdf.write_pdf(status_document(request, project, number))
    name = f"status-{project.slug}" + (f"-{number}" if number else "") + ".pdf"
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@logged_as(Kind.PAGE)
def team_meeting(request, slug):
    project = team_project(request, slug)
    today = timezone.localdate()
    requested = None
    if request.GET.get("since"):
        try:
            requested = date.fromisoformat(request.GET["since"])
        except ValueError:
            requested = None
    request.meeting_since = meeting.meeting_since(project, today=today, requested=requested)
    return render(request, "budget/meeting.html", {
        "project": project, "since": request.meeting_since, "today": today,
        "sections": render_sections("team_meeting", request, project),
        "can_manage": can_manage_budget(request.user, project),
    })


@logged_as(Kind.PAGE)
@require_POST
def meeting_held(request, slug):
    project = budget_project(request, slug, manage=True)
    meeting.record_meeting(project=project, on=timezone.localdate(), by=request.user)
    messages.success(request, _("The meeting is recorded. Next time the page shows what happened since today."))
    return redirect("team_meeting", project.slug)


@logged_as(Kind.PAGE)
@require_POST
def flag_add(request, slug):
    project = budget_project(request, slug, manage=True)
    form = FlagForm(request.POST, project=project, user=request.user)
    if form.is_valid():
        meeting.raise_flag(project=project, text=form.cleaned_data["text"], course=form.cleaned_data["course_code"],
                            by=request.user, on=timezone.localdate())
        messages.success(request, _("The point is on the team meeting's list."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("team_meeting", project.slug)


@logged_as(Kind.PAGE)
@require_POST
def flag_done(request, slug, pk):
    project = budget_project(request, slug, manage=True)
    flag = get_object_or_404(Flag, pk=pk, project=project, done_on__isnull=True)
    meeting.close_flag(flag=flag, on=timezone.localdate())
    messages.success(request, _("The point is marked as done."))
    return redirect("team_meeting", project.slug)
