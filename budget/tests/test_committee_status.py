"""The committee status PDF and the budget note's tables from the demo data."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from brobygger import demo
from brobygger.tests.pdf_facts import read_pdf
from budget import forecast, tables


@pytest.fixture
def demo_world(db):
    return demo.build(courses=4)


def test_the_demo_budget_reproduces_the_notes_tabel_2_and_3(demo_world):
    project = demo_world["project_2026"]
    figures = forecast.budget_figures(project.initiatives.all())
    table = tables.budget_table(figures)
    assert table["columns"] == ["Maj–dec 2026"]
    assert [r["total_k"] for r in table["rows"]] == [849, 300, 879, 500]
    assert table["total"] == 2528
    tabel_3 = [(r["initiative"].number, r["committee"], r["account"], r["amount_k"])
               for r in tables.appropriation_table(figures)]
    assert tabel_3 == [(1, "BIU", "35.10", 725), (1, "SOC", "32.10", 425), (2, "BIU", "35.10", 879),
                       (3, "BIU", "35.10", 500)]
    assert sum((f.budget for f in figures), Decimal(0)) == Decimal("2528000")


def test_the_demo_budget_page_shows_the_notes_amounts(demo_world, client):
    client.force_login(demo_world["users"]["koordinator"])
    response = client.get(reverse("budget_project", args=["kbh-2026"]))
    html = response.content.decode()
    for amount in ("849", "300", "879", "500", "2.528"):
        assert f">{amount}<" in html, amount


def test_the_committee_status_is_tagged_pdf_ua_in_the_reports_font_with_chart_labels_of_8_pt_or_more(
        demo_world, client):
    client.force_login(demo_world["users"]["analytiker"])
    response = client.get(reverse("committee_status", args=["kbh-2026", 2]))
    assert response["Content-Type"] == "application/pdf"
    pdf = read_pdf(response.content)
    assert (pdf.lang, pdf.title) == ("da", "Status til udvalget: Bedre vilkår for sexarbejdere 2026")
    assert pdf.marked and pdf.has_structure and pdf.ua_part == "1"
    assert {"H1", "H2", "Table", "TH", "TD", "Figure"} <= pdf.structure_kinds
    assert pdf.fonts == {"IBM-Plex-Sans", "IBM-Plex-Sans-Semi-Bold"}  # the project report's font (reports tests)
    assert len(pdf.chart_text_sizes) > 20  # the money chart's axis, legend and last values were measured
    assert min(pdf.chart_text_sizes) >= 8
    assert pdf.smallest_text >= 8


@pytest.mark.parametrize("number", [1, 2, 3])
def test_the_committee_status_is_one_page_per_initiative_then_its_cost_per_outcome(demo_world, rf, number):
    from budget.views import status_document

    request = rf.get("/")
    request.user = demo_world["users"]["koordinator"]
    document = status_document(request, demo_world["project_2026"], number)
    assert len(document.pages) == 2  # the cost per outcome starts a page of its own


def test_the_committee_status_hides_small_numbers(world, client_as, monkeypatch):
    from datetime import date

    from brobygger import indicators
    from brobygger.disclosure import HIDDEN
    from budget.models import GoalIndicator

    monkeypatch.setitem(indicators._INDICATORS, "fake_few", indicators.Indicator("fake_few", "Few", lambda *a: 2))
    GoalIndicator.objects.create(initiative=world.initiative, key="fake_few", target=10,
                                 period_start=date(2026, 5, 1), period_end=date(2026, 12, 31))
    rendered = {}
    from budget import views

    real = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda t, c, **kw: rendered.update(c) or real(t, c, **kw))
    response = client_as("coordinator").get(reverse("committee_status", args=[world.project.slug, 1]))
    assert response.status_code == 200
    assert rendered["items"][0]["goals"][0]["value"] is HIDDEN


def test_the_demo_initiatives_show_their_cost_per_outcome(demo_world, client):
    from budget.tests.test_cost_per_outcome import _rows

    client.force_login(demo_world["users"]["koordinator"])
    html = client.get(reverse("budget_project", args=["kbh-2026"])).content.decode()
    rows = {heading.rstrip("*"): row for heading, row in _rows(html).items()}  # * while the period is not over
    for name in ("1. Vidensløft og videndeling", "2. Styrket fremskudt indsats", "3. Erhvervsrettede kurser",
                 "Alle indsatser samlet"):
        row = rows[name]
        for column in ("Pr. borger nået", "Pr. forløb med to målinger"):
            assert re.fullmatch(r"\d+,\d \(\d+\)", row[column]), (name, column, row[column])
