from datetime import date
from decimal import Decimal

from django.urls import reverse

from brobygger.matrix import Page

coordinator = frozenset({"coordinator"})
readers = frozenset({"coordinator", "analyst"})  # budget and goals: the coordinator and the project's analysts
team = frozenset({"outreach", "caseworker_a", "caseworker_b", "coordinator"})
slug = lambda w: {"slug": w.project.slug}  # noqa: E731
to_meeting = lambda w: reverse("team_meeting", args=[w.project.slug])  # noqa: E731
initiative = lambda w: {"slug": w.project.slug, "number": w.initiative.number}  # noqa: E731


def extend_world(w):
    from .models import BudgetLine, Flag, Initiative

    w.initiative = Initiative.objects.create(
        project=w.project, number=1, name="Fremskudt vejledning", goal="Flere tættere på arbejdsmarkedet.",
        start_date=date(2026, 5, 1), end_date=date(2026, 12, 31),
    )
    w.budget_line = BudgetLine.objects.create(
        initiative=w.initiative, text="To årsværk og en ladcykel", committee="BIU", account="35.10",
        finance_account="3510-4201", year=2026, amount=Decimal("879000"),
    )
    w.flag = Flag.objects.create(project=w.project, text="Besøg på Sundholm", raised_on=date(2026, 1, 1))


PAGES = [
    Page("budget_home", frozenset({"outreach", "caseworker_a", "caseworker_b", "coordinator", "analyst", "coordinator_aarhus",
                                   "analyst_aarhus"})),
    Page("budget_project", readers, kwargs=slug),
    Page("committee_status_all", readers, kwargs=slug),
    Page("initiative_detail", readers, kwargs=initiative),
    Page("committee_status", readers, kwargs=initiative),
    Page("initiative_create", coordinator, kwargs=slug),
    Page("initiative_edit", coordinator, kwargs=initiative),
    Page("budget_line_create", coordinator, kwargs=initiative),
    Page("budget_line_edit", coordinator, kwargs=lambda w: {**initiative(w), "pk": w.budget_line.pk}),
    Page("spending_add", coordinator, kwargs=initiative),
    Page("spending_import", coordinator, kwargs=initiative),
    Page("indicator_add", coordinator, kwargs=initiative),
    Page("team_meeting", team, kwargs=slug),
    Page("meeting_held", coordinator, kwargs=slug, method="post", redirect=to_meeting),
    Page("flag_add", coordinator, kwargs=slug, method="post", data=lambda w: {"flag-text": "Tal om vagtplanen"},
         redirect=to_meeting),
    Page("flag_done", coordinator, kwargs=lambda w: {"slug": w.project.slug, "pk": w.flag.pk}, method="post",
         redirect=to_meeting),
]
