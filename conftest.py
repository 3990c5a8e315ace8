"""Shared fixtures: the three people of every access test, and a whole small world.

`world` builds one project with two partner organisations and one user per role, plus a
course owned by each partner. Apps add their own objects to it with an `extend_world`
function in their `access_matrix.py` module.
"""

import importlib
import os
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps

from accounts.models import Membership, User
from courses import services
from projects.models import Intervention, Organisation, Project, Site

R = Membership.Role


def make_user(username, *memberships):
    user = User.objects.create_user(username=username, password="correct horse battery staple")
    for organisation, project, role in memberships:
        Membership.objects.create(user=user, organisation=organisation, project=project, role=role)
    return user


def app_matrix_modules():
    modules = []
    for config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{config.name}.access_matrix"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.access_matrix":
                raise
    return modules


def build_world():
    lead = Organisation.objects.create(name="Kommunen, Hjemløseenheden", kind="municipal")
    org_a = Organisation.objects.create(name="Reden København", kind="ngo")
    org_b = Organisation.objects.create(name="LivaRehab", kind="ngo")
    national = Organisation.objects.create(name="Socialstyrelsen", kind="national")
    project = Project.objects.create(
        name="Exit København", slug="exit", code_prefix="KBH", lead_organisation=lead,
        start_date=date(2025, 1, 1), end_date=date(2027, 12, 31),
    )
    project.partners.set([org_a, org_b])
    other_project = Project.objects.create(name="Exit Aarhus", slug="exit-aarhus", code_prefix="AAR",
                                           lead_organisation=national)
    site = Site.objects.create(project=project, name="H17")
    counselling = Intervention.objects.create(project=project, name="Rådgivning")
    therapy = Intervention.objects.create(project=project, name="Individuel terapi")
    w = SimpleNamespace(
        lead=lead, org_a=org_a, org_b=org_b, national=national, project=project, other_project=other_project,
        site=site, counselling=counselling, therapy=therapy,
    )
    w.users = {
        "outsider": make_user("outsider"),
        "outreach": make_user("outreach", (lead, project, R.OUTREACH)),
        "caseworker_a": make_user("caseworker_a", (org_a, project, R.CASEWORKER)),
        "caseworker_b": make_user("caseworker_b", (org_b, project, R.CASEWORKER)),
        "coordinator": make_user("coordinator", (lead, project, R.COORDINATOR)),
        "analyst": make_user("analyst", (national, project, R.ANALYST)),
        "administrator": make_user("administrator", (lead, None, R.ADMINISTRATOR)),
    }
    w.course_a = services.register_course(
        project=project, organisation=org_a, by=w.users["caseworker_a"], start_date=date(2026, 1, 5),
        gender="woman", age_at_start=34,
    )
    w.course_b = services.register_course(
        project=project, organisation=org_b, by=w.users["caseworker_b"], start_date=date(2026, 2, 1),
        gender="man", age_at_start=41,
    )
    w.referral_a = services.make_referral(
        course=w.course_a, target="drug_treatment", organisation=org_a, by=w.users["caseworker_a"],
        on=date(2026, 1, 10),
    )
    w.consent_a = services.record_consent(
        course=w.course_a, organisation=org_b, scope="referral", given_on=date(2026, 1, 10),
        by=w.users["caseworker_a"],
    )
    w.membership_outreach = Membership.objects.get(user=w.users["outreach"])
    for module in app_matrix_modules():
        extend = getattr(module, "extend_world", None)
        if extend:
            extend(w)
    return w


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request through LocaleMiddleware leaves its language active in the thread, so a test that
    reads a translated string without a request of its own got Danish or English by what ran
    before it. After each test the default (Danish) is back."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _audit_log_flushable(request):
    """Transactional tests end with a flush. On SQLite that deletes row by row, which the append-only
    audit tables refuse, so their triggers are dropped first; post_migrate after the flush restores them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction"))
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connections

    from audit.guards import uninstall

    # PostgreSQL truncates, which the triggers allow.
    for connection in connections.all():
        if connection.vendor == "sqlite":
            uninstall(connection)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_as(client, world):
    """client_as("caseworker_a") -> a test client signed in as that person of the world."""

    def sign_in(role):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return sign_in


# Browser tests: Playwright drives Debian's Chromium against the live test server.
# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (setting up data) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "da-DK"}


class UI:
    """A person at the browser: sign in, open pages, and check each page with axe-core."""

    def __init__(self, page, live_server):
        self.page = page
        self.base = live_server.url
        self.console_errors = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.set_default_timeout(10_000)

    def url(self, path):
        return self.base + path

    def goto(self, path):
        response = self.page.goto(self.url(path))
        return response

    def login(self, username, password="correct horse battery staple"):
        """The real two-step sign-in: password, then a TOTP code computed from the user's secret."""
        import pyotp

        from signin.testing import authenticator_secret

        secret = authenticator_secret(username)
        self.goto("/signin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        self.page.fill("#id_code", pyotp.TOTP(secret).now())
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        return self

    def sign_out(self):
        """Sign out from the header and wait until signed out: the button first clears what the
        outreach pages keep on the phone, then sends the form (brobygger/static/brobygger/app.js)."""
        import re

        self.page.locator("header button:has-text('Log ud'), header button:has-text('Sign out')").filter(
            visible=True).first.click()
        self.page.wait_for_url(re.compile(r"/signin/login/"))
        return self

    def phone(self):
        self.page.set_viewport_size({"width": 390, "height": 844})
        return self

    def check(self):
        """No axe-core violations (WCAG 2.1 A/AA) and no CSP or script errors on the current page."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]
        ]
        assert not violations, f"axe-core on {self.page.url}:\n" + "\n".join(violations)
        assert not self.console_errors, f"browser console errors on {self.page.url}: {self.console_errors}"
        return self


@pytest.fixture
def ui(page, live_server):
    return UI(page, live_server)
