"""The access log keeps to its projects (issue 14, point 8).

Every act on a project's pages is stored with the project, and a coordinator reads only their
own projects' entries: not those of a colleague who also works in another project.
"""

import csv
import io

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import Membership
from audit.access import visible_events
from audit.models import AccessEvent
from audit.selectors import events_csv
from conftest import make_user
from tests.test_access_matrix import PAGES, request

R = Membership.Role


@pytest.fixture
def coordinator_b(world):
    """The coordinator of the other project; the world's analyst follows both projects."""
    Membership.objects.create(user=world.users["analyst"], organisation=world.national,
                              project=world.other_project, role=R.ANALYST)
    return make_user("coordinator_b", (world.national, world.other_project, R.COORDINATOR))


# The analyst's logged acts in project A: the report in every format and the outreach follow-up export.
ANALYST_PAGES_IN_A = ["project_report", "project_report_json", "project_report_xlsx", "project_report_pdf",
                      "outreach_followup_export"]


def export_rows(user):
    """The log as the user's CSV holds it (a coordinator asks for it through the exports app, which
    writes these entries with this function)."""
    content = events_csv(visible_events(user))
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_a_project_page_is_logged_with_its_project(client_as, world):
    client_as("analyst").get(reverse("project_report_xlsx", args=[world.project.slug]))
    event = AccessEvent.objects.get(action="export", url_name="project_report_xlsx")
    assert event.project_id == world.project.pk


def test_the_analysts_acts_in_project_a_are_not_in_project_bs_log(client, world, coordinator_b):
    client.force_login(world.users["analyst"])
    for name in ANALYST_PAGES_IN_A:
        assert client.get(reverse(name, args=[world.project.slug])).status_code == 200, name

    client.force_login(coordinator_b)
    table = client.get(reverse("audit_log")).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    for name in ANALYST_PAGES_IN_A:
        assert reverse(name, args=[world.project.slug]) not in table
    # Only the analyst's sign-in: it belongs to no project, and the analyst is on project B's staff.
    assert [row["action"] for row in export_rows(coordinator_b) if row["user"] == "analyst"] == ["sign_in"]

    client.force_login(world.users["coordinator"])
    rows = [row for row in export_rows(world.users["coordinator"]) if row["user"] == "analyst" and row["action"] != "sign_in"]
    assert {row["page"] for row in rows} == set(ANALYST_PAGES_IN_A)
    assert {row["project"] for row in rows} == {world.project.slug}


def test_a_search_is_stored_in_the_projects_searched(client, world, coordinator_b):
    caseworker = make_user("caseworker_ab", (world.org_a, world.project, R.CASEWORKER),
                           (world.national, world.other_project, R.CASEWORKER))
    client.force_login(caseworker)
    client.get(reverse("course_list"), {"q": "NOTHING-LIKE-THIS", "project": world.project.slug})
    event = AccessEvent.objects.get(action="search")
    assert event.project_id == world.project.pk
    client.force_login(coordinator_b)
    assert [row for row in export_rows(coordinator_b) if row["action"] == "search"] == []


def test_reading_the_log_is_an_act_in_the_coordinators_own_project(client, world, coordinator_b):
    client.force_login(coordinator_b)
    client.get(reverse("audit_log"))
    assert AccessEvent.objects.get(action="audit").project_id == world.other_project.pk
    client.force_login(world.users["coordinator"])
    assert "coordinator_b" not in {row["user"] for row in export_rows(world.users["coordinator"])}


def is_project_page(page, world) -> bool:
    """The address names world.project, one of its courses, or an upload to it."""
    kwargs = page.kwargs(world)
    return kwargs.get("slug") == world.project.slug or "code" in kwargs or page.name in {
        "import_preview", "import_confirm", "import_discard"}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_entry_of_a_project_page_carries_the_project(page, world, client):
    if not is_project_page(page, world):
        pytest.skip("not the page of one project")
    wrong = []
    # (The second project's people live in the access matrix's world only; they see no page of this project.)
    for role in sorted(page.allowed & set(world.users)):
        client.force_login(world.users[role])
        with transaction.atomic():
            before = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            request(client, page, world)
            projects = set(AccessEvent.objects.filter(pk__gt=before).values_list("project_id", flat=True))
            transaction.set_rollback(True)
        if projects - {world.project.pk}:
            wrong.append(f"{role}: {projects}")
    assert not wrong, f"{page} logged entries outside its project: {wrong}"


def test_a_refused_search_is_stored_in_the_searchers_projects(client, world, coordinator_b):
    client.force_login(world.users["caseworker_a"])
    client.get(reverse("course_list"), {"q": "010190-1234"})
    event = AccessEvent.objects.get(action="search", username="caseworker_a")
    assert event.project_id == world.project.pk
    client.force_login(coordinator_b)
    assert [row for row in export_rows(coordinator_b) if row["user"] == "caseworker_a"] == []  # not B's staff
    client.force_login(world.users["coordinator"])
    assert [row["details"] for row in export_rows(world.users["coordinator"]) if row["user"] == "caseworker_a"
            and row["action"] == "search"] == ["q=[refused: identifying text]"]
