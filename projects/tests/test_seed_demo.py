"""seed_demo builds Copenhagen's set-up once, with one demo user per role."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from brobygger.demo import DEMO_PASSWORD
from brobygger.tests.demo_data import demo_data_for_the_module
from courses.access import visible_courses
from courses.models import Course, InterventionRecord, Referral
from projects.models import Intervention, Organisation, Project, Site

DEMO_USERS = {
    "koordinator": Membership.Role.COORDINATOR,
    "sagsbehandler": Membership.Role.CASEWORKER,
    "sagsbehandler2": Membership.Role.CASEWORKER,
    "opsoeger": Membership.Role.OUTREACH,
    "analytiker": Membership.Role.ANALYST,
    "admin": Membership.Role.ADMINISTRATOR,
}


def seed(*args):
    out = StringIO()
    with override_settings(DEBUG=True):  # a demo server; the tests themselves run with DEBUG off
        call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with demo_data_for_the_module(django_db_blocker):
        yield


@pytest.fixture
def demo(seeded, db):
    pass


def test_it_builds_copenhagens_set_up(demo):
    names = set(Organisation.objects.values_list("name", flat=True))
    for expected in ("Reden København", "Reden International", "LivaRehab", "Mændenes Hjem"):
        assert expected in names
    exit_project = Project.objects.get(slug="exit-kbh")
    assert exit_project.lead_organisation.name.startswith("Københavns Kommune")
    assert {o.name for o in exit_project.partners.all()} >= {"Reden København", "Reden International", "LivaRehab"}
    assert Intervention.objects.filter(project=exit_project).count() >= 8
    assert set(Site.objects.filter(project__slug="kbh-2026").values_list("name", flat=True)) >= {
        "H17", "Mændenes Hjem", "Online"}
    assert Course.objects.filter(project=exit_project).count() >= 30
    assert InterventionRecord.objects.count() > Course.objects.count()
    assert Referral.objects.exists()
    assert Course.objects.filter(end_date__isnull=False).exists() and Course.objects.open().exists()


def test_it_has_no_duplicate_names(demo):
    for model, key in [(Organisation, ("name",)), (Project, ("name",)), (Site, ("project", "name")),
                       (Intervention, ("project", "name")), (User, ("first_name", "last_name"))]:
        counts = Counter(model.objects.values_list(*key))
        assert [k for k, n in counts.items() if n > 1] == [], model.__name__


def test_every_course_is_adult_and_dated_sensibly(demo):
    for course in Course.objects.all():
        assert course.known_age_at_start is None or course.known_age_at_start >= 18
        assert course.end_date is None or course.end_date >= course.start_date
        assert course.code.startswith(course.project.code_prefix + "-")
        last_day = course.end_date or timezone.localdate()
        for record in [*course.interventions.all(), *course.referrals.all()]:
            assert course.start_date <= record.date <= last_day, (course.code, record)


def test_there_is_one_demo_user_per_role_and_each_can_sign_in(demo, client):
    # (How they sign in, and that only a demo server lets them skip the second factor, is signin's.)
    for username, role in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert user.is_demo and user.is_active
        assert user.check_password(DEMO_PASSWORD)
        assert role in {m.role for m in user.memberships.all()}
        client.force_login(user)
        assert client.get(reverse("home")).status_code == 200
        client.logout()
    # Every user of the demo data is a demo user.
    assert not User.objects.filter(is_demo=False).exists()


def test_demo_caseworkers_see_their_own_organisations_courses(demo):
    reden = User.objects.get(username="sagsbehandler")
    liva = User.objects.get(username="sagsbehandler2")
    coordinator = User.objects.get(username="koordinator")
    all_exit = Course.objects.filter(project__slug="exit-kbh")
    assert set(visible_courses(coordinator).filter(project__slug="exit-kbh")) == set(all_exit)
    seen_by_reden = visible_courses(reden)
    assert seen_by_reden.exists()
    assert set(seen_by_reden) < set(all_exit)
    assert all(c.organisation.name == "Reden København" for c in seen_by_reden)
    # LivaRehab sees its own courses and those Reden shared with consent.
    assert any(c.organisation.name == "Reden København" for c in visible_courses(liva))
    assert not visible_courses(User.objects.get(username="analytiker")).exists()


def test_if_empty_leaves_a_filled_database_alone(demo):
    courses, users = Course.objects.count(), User.objects.count()
    assert "already holds data" in seed("--if-empty")
    assert (Course.objects.count(), User.objects.count()) == (courses, users)


def test_without_if_empty_it_refuses_a_filled_database(demo):
    with pytest.raises(CommandError, match="already holds data"):
        seed()
