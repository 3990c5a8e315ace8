"""Every role against every page: allowed people get in, everyone else gets 404.

"In" is the page itself (200), or for a page that declares it (Page.redirect) a redirect to
exactly that place; any other redirect is a failure, a redirect to sign in above all.

A page that is not in some app's access_matrix.PAGES (or EXEMPT with a reason) fails
test_every_page_is_in_the_matrix, so the matrix grows with the app.
"""

import pytest
from django.db import transaction
from django.urls import get_resolver, reverse

from brobygger.matrix import ROLES
from conftest import app_matrix_modules

PAGES = [page for module in app_matrix_modules() for page in getattr(module, "PAGES", [])]
EXEMPT = {name: why for module in app_matrix_modules() for name, why in getattr(module, "EXEMPT", {}).items()}


def all_url_names():
    return {key for key in get_resolver().reverse_dict if isinstance(key, str)}


def test_every_page_is_in_the_matrix():
    covered = {page.name for page in PAGES} | set(EXEMPT)
    missing = sorted(all_url_names() - covered)
    assert not missing, f"pages missing from the access matrix: {missing}"


def request(client, page, world):
    url = reverse(page.name, kwargs=page.kwargs(world)) + page.query
    if page.method == "post":
        return client.post(url, page.data(world))
    return client.get(url)


@pytest.fixture
def world(world):
    """The test world and two people of the second project, Exit Aarhus: its coordinator (of the
    municipality) and its analyst (national). Neither may see anything of Exit København."""
    from accounts.models import Membership
    from conftest import make_user
    from projects.models import Organisation

    aarhus = Organisation.objects.create(name="Aarhus Kommune", kind="municipal")
    world.users["coordinator_aarhus"] = make_user(
        "coordinator_aarhus", (aarhus, world.other_project, Membership.Role.COORDINATOR))
    world.users["analyst_aarhus"] = make_user(
        "analyst_aarhus", (world.national, world.other_project, Membership.Role.ANALYST))
    return world


SECOND_PROJECT = ("coordinator_aarhus", "analyst_aarhus")


def outcome(response) -> str:
    """What a person met: "200", "login" (sent to the sign-in page), "redirect <path>", or the status."""
    if response.status_code == 302:
        location = response["Location"]
        return "login" if location.split("?")[0] == reverse("login") else f"redirect {location}"
    return str(response.status_code)


def expectation(page, role, world) -> str:
    if role == "anonymous":
        return "200" if page.public else "login"
    if role not in page.allowed and not page.public:
        return "404"
    if page.redirect and (page.redirected is None or role in page.redirected):
        target = page.redirect(world)
        return "login" if target == reverse("login") else f"redirect {target}"
    return "200"


def names_the_first_project(response, world) -> str | None:
    """The course code of Exit København in a page shown to someone of the second project, if any."""
    if response.status_code != 200 or response.streaming:
        return None
    body = response.content.decode(errors="replace")
    return next((code for code in (world.course_a.code, world.course_b.code) if code in body), None)


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_access(page, world, client):
    wrong = []
    # Anonymous first, on a fresh client; each sign-in after it replaces the session of the one before.
    for role in ("anonymous", *ROLES):
        if role != "anonymous":
            client.force_login(world.users[role])
        # Each request runs in a transaction rolled back after it, so a POST by one role
        # (say, withdrawing a consent) does not change what the next role meets.
        with transaction.atomic():
            response = request(client, page, world)
            transaction.set_rollback(True)
        expected, got = expectation(page, role, world), outcome(response)
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {got}")
        elif role in SECOND_PROJECT and (code := names_the_first_project(response, world)):
            wrong.append(f"{role}: the page shows {code}, a course of the other project")
    assert not wrong, f"{page}: " + "; ".join(wrong)
