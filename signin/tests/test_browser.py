"""In Chromium: enrol in two-factor sign-in, sign in with a TOTP code, and find the course view in the log."""

import re

import pyotp
import pytest

from conftest import build_world
from signin.models import TOTPDevice

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db):
    return build_world()


def test_enrol_then_sign_in_with_a_totp_code(ui, live_world):
    page = ui.page
    ui.goto("/signin/login/")
    ui.check()
    page.fill("#id_username", "caseworker_a")
    page.fill("#id_password", "correct horse battery staple")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/signin/login/set-up/"))
    ui.check()
    secret = page.inner_text(".secret-key").replace(" ", "")
    assert TOTPDevice.objects.get(user__username="caseworker_a").secret == secret
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/signin/recovery-codes/"))
    ui.check()
    assert page.locator(".recovery-codes li").count() == 10
    page.click("text=" + ("I have written them down" if "written" in page.content() else "Jeg har skrevet dem ned"))
    # Sign out and in again, now with the code step.
    ui.sign_out()
    ui.login("caseworker_a")
    assert "/signin/" not in page.url
    ui.goto(f"/courses/{live_world.course_a.code}/")
    assert live_world.course_a.code in page.content()


def test_coordinator_sees_the_course_view_in_the_access_log(ui, live_world):
    ui.login("caseworker_a")
    ui.goto(f"/courses/{live_world.course_a.code}/")
    ui.sign_out()
    ui.login("coordinator")
    ui.goto(f"/audit/?course={live_world.course_a.code}")
    ui.check()
    table = ui.page.inner_text("#audit-table")
    assert "caseworker_a" in table
    ui.phone()
    ui.check()


def test_rights_and_account_pages_pass_axe(ui, live_world):
    ui.login("coordinator")
    for path in ("/signin/account/", "/rights/", f"/rights/{live_world.course_a.code}/",
                 f"/rights/{live_world.course_a.code}/erase/"):
        ui.goto(path)
        ui.check()
