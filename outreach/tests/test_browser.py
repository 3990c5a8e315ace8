"""At 390 x 844, as an outreach worker on the street: three contacts, a health-room visit, a business course."""

import pytest

from outreach.models import GroupActivity, HealthRoomVisit, OutreachContact
from outreach.tests.phone import type_card_code

pytestmark = pytest.mark.browser


def test_outreach_worker_logs_contacts_visit_and_course_on_a_phone_and_sees_them_in_the_followup(ui, world, topics):
    ui.phone().login("outreach")
    page = ui.page
    ui.goto(f"/outreach/{world.project.slug}/contact/")
    # The service worker has kept the forms for offline use (a few requests right after the first visit).
    page.locator("html[data-offline-ready]").wait_for(state="attached")
    ui.check()

    # 1: site, one topic, an outcome, save.
    page.get_by_label("H17").check()
    page.get_by_label(topics[0].name, exact=True).check()
    page.locator("input[name=outcomes][value=information_given]").check()
    with page.expect_navigation():  # saved through the phone's queue (offline.js), then the page moves on
        page.locator(".save-bar button").click()
    assert page.locator(".alert-success").count() == 1
    ui.check()

    # 2: the site is remembered: a topic and save.
    page.get_by_label(topics[3].name, exact=True).check()
    with page.expect_navigation():  # saved through the phone's queue (offline.js), then the page moves on
        page.locator(".save-bar button").click()

    # 3: the person shows a card; the page says at once that it is known.
    type_card_code(page, world.card.code.lower(), ".card-check-ok")
    ui.check()
    with page.expect_navigation():  # saved through the phone's queue (offline.js), then the page moves on
        page.locator(".save-bar button").click()
    assert OutreachContact.objects.count() == 3
    assert OutreachContact.objects.filter(card=world.card).count() == 1

    # A typing error is caught before saving.
    type_card_code(page, "ZZZ-ZZZ", ".card-check-bad")
    with page.expect_navigation():  # saved through the phone's queue (offline.js), then the page moves on
        page.locator(".save-bar button").click()
    assert page.locator("#error-summary").count() == 1
    assert OutreachContact.objects.count() == 3
    ui.check()

    ui.goto(f"/outreach/{world.project.slug}/health-room/")
    ui.check()
    page.locator("input[name=uses][value=bath]").check()
    page.locator("input[name=uses][value=hygiene_products]").check()
    with page.expect_navigation():  # saved through the phone's queue (offline.js), then the page moves on
        page.locator(".save-bar button").click()
    assert HealthRoomVisit.objects.count() == 1

    ui.goto(f"/outreach/{world.project.slug}/activities/new/")
    ui.check()
    page.locator("input[name=kind][value=business_course]").check()
    page.fill("#id_place", "SIO")
    page.select_option("#id_organiser", str(world.org_a.pk))
    page.fill("#id_topic", "CVR og moms")
    page.fill("#id_attendance", "11")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert GroupActivity.objects.get().attendance == 11
    ui.check()

    ui.goto(f"/outreach/{world.project.slug}/follow-up/")
    assert page.locator("#key-figures dd").first.inner_text().strip() == "3"
    assert "CVR og moms" in page.locator("#business-courses").inner_text()
    assert "11" in page.locator("#business-courses").inner_text()
    ui.check()

    # And nothing of any course.
    assert ui.goto(f"/courses/{world.course_a.code}/").status == 404
    assert ui.goto("/courses/").status == 404
