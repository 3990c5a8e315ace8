import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from brobygger.disclosure import HIDDEN, hide_counts
from outreach import export, selectors, services
from outreach.models import GroupActivity
from projects.models import Site


@pytest.fixture
def week_of_contacts(world, log, topics):
    """Six contacts: card A three times, card B once, two without a card; two at another site."""
    cards = list(services.create_card_batch(project=world.project, by=world.users["outreach"], size=2).cards.all())
    reden = Site.objects.create(project=world.project, name="Reden")
    log(card_code=cards[0].code, topics=[topics[0]], information_given=True)
    log(card_code=cards[0].code, topics=[topics[0], topics[3]], referral_target="drug_treatment")
    log(card_code=cards[0].code, site=reden, appointment_booked=True)
    log(card_code=cards[1].code, site=reden, topics=[topics[3]])
    log(topics=[topics[0]], age_band="26-30", gender="woman")
    log(accompanied=True)
    services.record_health_visit(project=world.project, by=world.users["outreach"], uses=["bath", "toilet"])
    services.record_activity(project=world.project, by=world.users["outreach"], kind="business_course",
                             on=timezone.localdate(), place="SIO", organiser=world.org_a, topic="CVR", attendance=9)
    return cards


def period():
    today = timezone.localdate()
    return today - timedelta(days=6), today


def test_followup_counts_contacts_people_and_repeat_visits(world, week_of_contacts, topics):
    data = selectors.followup(world.project, *period())
    t = data.totals
    assert (t["contacts"], t["with_card"], t["without_card"], t["people"], t["returning"]) == (6, 4, 2, 2, 1)
    assert t["repeat_rate"] == 50
    assert t["new_cards"] == 2
    assert data.sites == {"H17": 4, "Reden": 2}
    assert data.topics[topics[0].name] == 3 and data.topics[topics[3].name] == 2
    assert sum(n for _w, n in data.weeks) == 6
    assert list(data.referrals.values()) == [1]
    assert data.health["visits"] == 1
    assert data.activities[str(GroupActivity.Kind.BUSINESS_COURSE.label)] == {"held": 1, "attendance": 9}


def test_a_card_first_seen_before_the_period_is_not_new(world, log):
    card = world.card
    log(card_code=card.code, at=timezone.now() - timedelta(days=20))
    log(card_code=card.code)
    data = selectors.followup(world.project, *period())
    assert data.totals["new_cards"] == 0 and data.totals["people"] == 1


def test_followup_takes_the_same_number_of_queries_however_much_data(world, log, week_of_contacts):
    with CaptureQueriesContext(connection) as few:
        selectors.followup(world.project, *period())
    for _n in range(20):
        log(card_code=world.card.code)
    with CaptureQueriesContext(connection) as many:
        selectors.followup(world.project, *period())
    assert len(few) == len(many) <= 14


def test_project_staff_see_exact_small_numbers(client_as, world, week_of_contacts):
    response = client_as("outreach").get(reverse("outreach_followup", args=[world.project.slug]))
    assert response.context["data"].totals["people"] == 2
    assert not response.context["data"].suppressed


def test_an_analyst_outside_the_project_sees_small_numbers_hidden(client_as, world, week_of_contacts):
    response = client_as("analyst").get(reverse("outreach_followup", args=[world.project.slug]))
    data = response.context["data"]
    assert data.suppressed
    assert data.totals["people"] is HIDDEN and data.totals["contacts"] == 6
    # H17 4 and Reden 2: both small.
    assert data.sites == {"H17": HIDDEN, "Reden": HIDDEN}
    assert data.totals["repeat_rate"] is HIDDEN  # 1 of 2 people: it would tell both
    html = response.content.decode()
    assert re.search(r'<th scope="row" class="weight-normal">Reden</th><td class="text-align-right">skjult</td>', html)
    assert re.search(r"<dt>Andel tilbagevendende</dt><dd>skjult</dd>", html)


def test_the_follow_up_hides_the_same_cells_as_every_other_table_beyond_the_project(world, log):
    """Contacts at three sites, 3, 10 and 7, nothing else told: outside the project the follow-up
    hides the 3 and, so that it cannot be found from the total, the next smallest (7), as
    brobygger.disclosure does for any one table (hide_counts, which the outreach section on
    the project page uses too)."""
    reden, sio = (Site.objects.create(project=world.project, name=name) for name in ("Reden", "SIO"))
    for site, n in ((world.site, 3), (reden, 10), (sio, 7)):
        for _i in range(n):
            log(site=site)
    data = selectors.followup(world.project, timezone.localdate(), timezone.localdate(), suppressed=True)
    counts = {world.site.name: 3, "Reden": 10, "SIO": 7}
    assert data.totals["contacts"] == 20
    assert data.sites == {world.site.name: HIDDEN, "Reden": 10, "SIO": HIDDEN}
    assert data.sites == hide_counts(counts, 20)[0]


def test_the_period_can_be_chosen(client_as, world, log):
    log(at=timezone.now() - timedelta(days=20))
    log()
    client = client_as("outreach")
    start = (timezone.localdate() - timedelta(days=2)).isoformat()
    response = client.get(reverse("outreach_followup", args=[world.project.slug]), {"start": start})
    assert response.context["data"].totals["contacts"] == 1


def test_excel_export_holds_the_same_numbers(client_as, world, week_of_contacts):
    response = client_as("coordinator").get(reverse("outreach_followup_export", args=[world.project.slug]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(response.content), read_only=True, data_only=True)
    # Numbers only: the business courses' rows (typed text) leave only as an export request (exports app).
    assert wb.sheetnames == ["Overblik", "Uger", "Steder", "Emner", "Henvisninger", "Udbytte", "Aldersgrupper", "Køn",
                             "Sundhedsrum", "Aktiviteter"]
    summary = dict(wb["Overblik"].iter_rows(min_row=2, values_only=True))
    assert summary["Projekt"] == "Exit København"
    # The week of contacts: six contacts, four with a card, two cards (one back three times), one health visit.
    assert {k: v for k, v in summary.items() if k not in {"Projekt", "Fra", "Til"}} == {
        "Kontakter": 6, "Kontakter med kort": 4, "Unikke kortkoder (personer)": 2, "Tilbagevendende (2+ kontakter)": 1,
        "Andel tilbagevendende (%)": 50, "Nye kortholdere": 2, "Besøg i sundhedsrummet": 1,
        "Besøgende i sundhedsrummet med kort": 0}
    assert dict(wb["Steder"].iter_rows(min_row=2, values_only=True)) == {"H17": 4, "Reden": 2}
    assert sum(n for _week, n in wb["Uger"].iter_rows(min_row=2, values_only=True)) == 6
    wb.close()


def test_excel_export_never_turns_typed_text_into_a_formula(client_as, world):
    services.record_activity(project=world.project, by=world.users["outreach"], kind="business_course",
                             on=timezone.localdate(), place="=HYPERLINK(\"x\")", organiser=world.org_a,
                             topic="+SUM(A1)", attendance=7)
    # The business courses' rows are in the coordinator's export (the exports app), made by this writer.
    data = selectors.followup(world.project, timezone.localdate(), timezone.localdate())
    wb = load_workbook(BytesIO(export.followup_workbook(data, rows=True)))
    ws = wb.worksheets[-1]
    cells = {c.value: c for row in ws.iter_rows() for c in row}
    for text in ('=HYPERLINK("x")', "+SUM(A1)"):
        assert cells[text].data_type == "s"  # text, never a formula
        assert cells[text].quotePrefix  # and Excel keeps it text when the cell is edited


def test_the_excel_file_anyone_downloads_holds_no_business_course_and_no_typed_text(client_as, world):
    services.record_activity(project=world.project, by=world.users["outreach"], kind="business_course",
                             on=timezone.localdate(), place="Café Sorgenfri", organiser=world.org_a,
                             topic="Moms for begyndere", attendance=7)
    for role in ("outreach", "coordinator", "analyst"):
        response = client_as(role).get(reverse("outreach_followup_export", args=[world.project.slug]))
        wb = load_workbook(BytesIO(response.content), read_only=True)
        values = {v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
        assert "Erhvervskurser" not in wb.sheetnames, role
        assert not {"Café Sorgenfri", "Moms for begyndere"} & values, role
        wb.close()


def test_excel_export_hides_small_numbers_outside_the_project(client_as, world, week_of_contacts):
    response = client_as("analyst").get(reverse("outreach_followup_export", args=[world.project.slug]))
    wb = load_workbook(BytesIO(response.content), read_only=True)
    sites = {row[0]: row[1] for row in wb["Steder"].iter_rows(min_row=2, values_only=True)}
    assert sites == {"H17": "skjult", "Reden": "skjult"}
    summary = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(values_only=True)}
    assert summary["Kontakter"] == 6
    wb.close()
