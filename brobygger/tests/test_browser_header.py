"""The header at the desk and on the phone: the menu, signing out, the language."""

import re

import pytest

from tests.browser.session import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 768])
def test_on_a_phone_the_menu_holds_sign_out_and_the_language(ui, world, width):
    sign_in(ui, world.users["coordinator"])
    page = ui.page
    page.set_viewport_size({"width": width, "height": 844})
    ui.goto("/")
    assert page.get_by_role("button", name="Log ud").filter(visible=True).count() == 0
    page.locator(".app-nav-toggle summary").click()
    ui.check()
    page.get_by_role("button", name="English").filter(visible=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".app-nav-toggle summary").click()
    page.get_by_role("button", name="Sign out").filter(visible=True).click()
    page.wait_for_url(re.compile(r"/signin/login/"))  # the button clears the phone's storage, then sends
    ui.goto("/courses/")
    assert "/signin/login/" in page.url


def test_on_a_phone_the_sign_in_page_offers_the_language(ui, db):
    ui.phone().goto("/signin/login/")
    ui.page.get_by_role("button", name="English").filter(visible=True).click()
    ui.page.wait_for_load_state()
    assert ui.page.locator("html").get_attribute("lang") == "en"
    ui.check()


@pytest.mark.parametrize("width", [1000, 1280])
def test_the_desktop_menu_is_one_row_when_it_fits(ui, world, width):
    sign_in(ui, world.users["coordinator"])
    ui.page.set_viewport_size({"width": width, "height": 900})
    ui.goto("/")
    menu = ui.page.locator(".app-nav-desktop")
    items = menu.locator("li").evaluate_all("els => els.map(e => e.getBoundingClientRect())")
    room = menu.evaluate("el => el.parentElement.clientWidth - parseFloat(getComputedStyle(el.parentElement).paddingLeft)"
                         " - parseFloat(getComputedStyle(el.parentElement).paddingRight)")
    needed = sum(item["width"] for item in items) + 15 * (len(items) - 1)
    if needed <= room:
        assert len({round(item["top"]) for item in items}) == 1, (needed, room)
    else:  # too many links for this width: then it may wrap, but it must not be because of a cap
        assert menu.evaluate("el => getComputedStyle(el).maxWidth") == "none"


ALERT_GAPS = """() => [...document.querySelectorAll('main .alert')].map(alert => {
  const box = alert.getBoundingClientRect(), body = alert.querySelector('.alert-body').getBoundingClientRect();
  const icon = alert.querySelector(':scope > .alert-icon');
  const iconBox = icon && icon.getBoundingClientRect();
  return {gap: body.left - box.left, icon: iconBox && iconBox.width > 0 ? iconBox.right - box.left : null};
})"""


def test_an_alert_shows_its_icon_or_leaves_no_gap_for_one(ui, world):
    sign_in(ui, world.users["caseworker_a"])
    page = ui.phone().page
    ui.goto("/courses/new/")
    page.fill("#id_age_at_start", "31")
    page.get_by_role("button", name="Opret").click()
    page.wait_for_load_state()
    [message] = page.evaluate(ALERT_GAPS)
    # The message's icon fills the room DKFDS keeps at the left.
    assert message["icon"] is not None and message["icon"] < message["gap"], message
    ui.check()
    ui.goto("/courses/?q=ZZZ-ZZZZ")  # an id nobody sees: the emergency-access note, written without an icon
    alerts = page.evaluate(ALERT_GAPS)
    assert alerts and all(alert["icon"] is None and alert["gap"] <= 24 for alert in alerts), alerts


def test_signing_out_from_the_phone_menu_clears_what_the_phone_keeps(ui, world):
    """The phone is where the outreach pages keep unsent records (app.js, data-sign-out): the menu's
    sign-out asks before losing them and clears the phone, like the header's at the desk."""
    sign_in(ui, world.users["caseworker_a"])
    page = ui.phone().page
    ui.goto("/")
    page.evaluate("() => { localStorage.setItem('brobygger-outreach-entries', '2');"
                  " localStorage.setItem('brobygger-outreach-user', '7'); }")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator(".app-nav-toggle summary").click()
    sign_out = page.get_by_role("button", name="Log ud").filter(visible=True)
    sign_out.click()
    assert asked == ["Noget, der er gemt på telefonen, er ikke sendt. Når du logger ud, slettes det fra telefonen. "
                     "Log ud alligevel?"]
    assert page.url == ui.url("/")  # not yet: the worker said no
    page.evaluate("() => localStorage.setItem('brobygger-outreach-entries', '0')")
    sign_out.click()
    page.wait_for_url(re.compile(r"/signin/login/"))
    assert page.evaluate("() => localStorage.getItem('brobygger-outreach-user')") is None
