"""Every page that shows a course id writes an access-log row for that course (issue 14, point 6).

The guard walks every page of the access matrix as the people who read courses and compares the
course ids in what the page sent back with the course ids of the rows it logged. The expected ids
come from the database (every course of the world), not from the code under test.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from audit.models import AccessEvent
from courses.models import Course
from tests.test_access_matrix import PAGES

# Pages that show course ids which are not a reading of the course itself.
NOT_COURSE_READS = {
    "audit_log": "shows which course an entry names; reading the log is logged as its own act",
    "audit_export": "the same entries as a file",
}
READERS = ("coordinator", "caseworker_a", "caseworker_b")
TEXT_TYPES = ("text/", "application/json")


def shown_codes(response, codes) -> set:
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return set()
    text = b"".join(response) if response.streaming else response.content
    text = text.decode("utf-8", errors="replace")
    return {code for code in codes if code in text}


GET_PAGES = [page for page in PAGES if page.method == "get" and page.name not in NOT_COURSE_READS]


@pytest.mark.parametrize("page", GET_PAGES, ids=str)
def test_every_course_id_a_page_shows_is_logged(page, world, client):
    codes = set(Course.objects.values_list("code", flat=True))
    url = reverse(page.name, kwargs=page.kwargs(world)) + page.query
    unlogged = {}
    for role in READERS:
        client.force_login(world.users[role])
        with transaction.atomic():
            before = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            shown = shown_codes(client.get(url), codes)
            logged = set(AccessEvent.objects.filter(pk__gt=before).values_list("course_code", flat=True))
            transaction.set_rollback(True)
        if shown - logged:
            unlogged[role] = sorted(shown - logged)
    assert not unlogged, f"{page} shows course ids it does not log: {unlogged}"


def test_the_team_meeting_logs_each_course_once(client_as, world):
    client_as("coordinator").get(reverse("team_meeting", args=[world.project.slug]))
    codes = list(AccessEvent.objects.filter(url_name="team_meeting").values_list("course_code", flat=True))
    assert sorted(codes) == sorted(set(codes))
    assert world.course_a.code in codes
