import pytest

pytestmark = pytest.mark.browser


def test_caseworker_sees_the_course_list(ui, world):
    ui.login("caseworker_a").goto("/courses/")
    assert world.course_a.code in ui.page.content()
    ui.check()
