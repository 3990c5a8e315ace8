"""Every role against every page: allowed people get in, everyone else gets 404.

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


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_access(page, world, client):
    wrong = []
    for role in ("anonymous", *ROLES):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        # Each request runs in a transaction rolled back after it, so a POST by one role
        # (say, withdrawing a consent) does not change what the next role meets.
        with transaction.atomic():
            response = request(client, page, world)
            transaction.set_rollback(True)
        if role == "anonymous":
            expected = "200" if page.public else "login"
            got = "login" if response.status_code == 302 and "/login/" in response["Location"] else str(
                response.status_code)
            if page.public and response.status_code == 200:
                got = "200"
        else:
            expected = "in" if role in page.allowed or page.public else "404"
            got = "in" if response.status_code in (200, 302) else str(response.status_code)
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {response.status_code}")
    assert not wrong, f"{page}: " + "; ".join(wrong)
