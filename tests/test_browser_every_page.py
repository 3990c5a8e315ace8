"""axe-core on every page of the access matrix that answers a GET, as someone allowed in.

The browser signs in with a session cookie (tests/browser/session.py), so each page
costs one page load and one axe run. A new page in any app's access_matrix.PAGES is
checked here without further work.
"""

import pytest
from django.test import Client
from django.urls import reverse

from brobygger.matrix import ROLES
from conftest import app_matrix_modules
from tests.browser.session import sign_in

pytestmark = pytest.mark.browser

# Whom to visit a page as, when several may: the people who use it most.
PREFERENCE = ("caseworker_a", "coordinator", "outreach", "analyst", "administrator", "caseworker_b", "outsider",
              "coordinator_aarhus", "analyst_aarhus")  # the last two are not in this world: never needed
assert set(PREFERENCE) == set(ROLES)

PAGES = [
    page for module in app_matrix_modules() for page in getattr(module, "PAGES", [])
    if page.method == "get" and (page.allowed or page.public)
]


def visitor(page):
    return next((role for role in PREFERENCE if role in page.allowed), None)


# (Not named "page": that is Playwright's page fixture, which `ui` uses.)
@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.name)
def test_page_passes_axe(entry, ui, world):
    role = visitor(entry)
    path = reverse(entry.name, kwargs=entry.kwargs(world)) + entry.query
    # Downloads (JSON, Excel, PDF, images) and htmx fragments are not pages for axe.
    client = Client()
    if role:
        client.force_login(world.users[role])
    answer = client.get(path)
    if answer.status_code == 200 and not answer.get("Content-Type", "").startswith("text/html"):
        pytest.skip(f"{entry.name} is a download ({answer['Content-Type']})")
    if answer.status_code == 200 and b"<html" not in answer.content:
        pytest.skip(f"{entry.name} is a fragment of a page")
    if role:
        sign_in(ui, world.users[role])
    response = ui.goto(path)
    assert response.status == 200, f"{entry.name} as {role or 'anonymous'}: {response.status}"
    if not response.headers.get("content-type", "").startswith("text/html"):
        return  # a PDF or Excel file: Chromium shows its own viewer, which is not our page to check
    ui.check()


def test_the_login_page_passes_axe(ui, db):
    assert ui.goto(reverse("login")).status == 200
    ui.check()


def test_the_not_found_page_passes_axe(ui, world):
    sign_in(ui, world.users["caseworker_b"])
    assert ui.goto(reverse("course_detail", args=[world.course_a.code])).status == 404
    # The browser logs the page's own 404; its styles and scripts are the same as every other page's.
    ui.console_errors.clear()
    ui.check()
