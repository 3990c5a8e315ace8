"""The course list on a phone: short pages of compact cards, and a search that finds a course."""

import pytest

from courses import services
from courses.models import Course
from tests.browser.session import sign_in

pytestmark = pytest.mark.browser


def test_on_a_phone_the_course_list_is_short_and_searchable(ui, world):
    for _ in range(45):
        services.register_course(project=world.project, organisation=world.org_a, by=world.users["caseworker_a"],
                                 start_date=world.course_a.start_date)
    visible = Course.objects.filter(organisation=world.org_a).count()
    sign_in(ui, world.users["caseworker_a"])
    page = ui.phone().page
    ui.goto("/courses/")
    rows = page.locator("#course-table tbody tr")
    assert rows.count() == 20
    # Fifty cards made a 25,000 px page; twenty compact ones fit in a few screens.
    assert page.evaluate("document.documentElement.scrollHeight") < 6000
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = rows.first.bounding_box()["height"]
    assert card < 260, card
    ui.check()
    # DKFDS pagination: on a phone "Side 1 af 3" between the arrows.
    pages = -(-visible // 20)
    assert page.locator(".pagination .pagination-mobile").inner_text() == f"Side 1 af {pages}"
    page.get_by_role("link", name="Næste side").click()
    page.wait_for_url("**page=2")
    assert page.locator(".pagination .pagination-mobile").inner_text() == f"Side 2 af {pages}"
    ui.check()
    # Search by course id (the id a worker wrote down) finds that one course.
    wanted = Course.objects.filter(organisation=world.org_a).order_by("code")[7].code
    page.fill("#id_q", wanted.lower())
    page.get_by_role("button", name="Filtrér").click()
    page.wait_for_url("**q=*")
    assert rows.locator("a.code").all_inner_texts() == [wanted]
    assert page.locator(".pagination").count() == 0
