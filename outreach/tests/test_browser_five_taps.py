"""At 390 px: a typical contact (site, two topics, an outcome) is at most five taps from the home page."""

import pytest

from outreach.models import OutreachContact
from projects.models import Site

pytestmark = pytest.mark.browser


def test_a_typical_contact_is_five_taps_from_the_home_page_also_the_first_of_the_day(ui, world, topics):
    Site.objects.create(project=world.project, name="Halmtorvet")
    ui.phone().login("outreach")
    page = ui.page
    taps = []

    def tap(locator):
        locator.click()
        taps.append(locator)

    for contact in range(2):  # the first of the day (choose the site) and the next (site remembered)
        taps.clear()
        ui.goto("/")
        ui.check()
        first = page.locator("main a.button").first
        assert first.inner_text().startswith("Registrér kontakt ved H17")
        if contact == 1:
            assert page.locator("main a.button", has_text="Halmtorvet").count() == 0  # today's site only
        with page.expect_navigation():
            tap(first)
        # Not a tap: the page's work in the background is done first (on the first visit the service worker
        # fetches the form pages to keep; see outreach/tests/phone.py on requests at once in the test database).
        page.locator("html[data-offline-ready]").wait_for(state="attached")
        assert page.get_by_label("H17").is_checked()
        tap(page.get_by_label(topics[0].name, exact=True))
        tap(page.get_by_label(topics[1].name, exact=True))
        tap(page.locator("input[name=outcomes][value=information_given]"))
        with page.expect_navigation():
            tap(page.locator(".save-bar button"))
        assert page.locator(".alert-success").count() == 1
        assert len(taps) <= 5
    saved = list(OutreachContact.objects.all())
    assert len(saved) == 2
    assert all(c.site == world.site and c.topics.count() == 2 and c.information_given for c in saved)
