import pytest

from courses.models import Referral

pytestmark = pytest.mark.browser


def test_find_a_service_in_the_public_directory_and_refer_to_it(ui, world):
    page = ui.page
    ui.phone().goto("/directory/public/")
    ui.check()
    page.fill("#id_q", "stofbehandling")
    page.click("main form[role=search] button")
    assert "Gratis anonym stofbehandling" in page.inner_text("main")
    ui.check()
    page.screenshot(path="/tmp/directory-phone.png", full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    ui.login("caseworker_a").goto(f"/courses/{world.course_a.code}/referrals/new/")
    ui.check()
    page.select_option("#id_directory_service", str(world.service.pk))
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/courses/{world.course_a.code}/")
    assert Referral.objects.filter(course=world.course_a, directory_service=world.service).exists()
    assert "Gratis anonym stofbehandling" in page.inner_text("#referrals")

    page.context.clear_cookies()
    ui.login("coordinator").goto("/directory/")
    ui.check()
