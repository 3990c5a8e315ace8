"""The outreach worker's home page starts with the way to the contact form; the site is remembered for the day."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from projects.models import Site


def home_links(client):
    page = client.get(reverse("home")).content.decode()
    return page, reverse("outreach_log", args=["exit"])


def test_before_the_first_contact_of_the_day_each_site_is_a_button_to_the_form(client_as, world):
    halmtorvet = Site.objects.create(project=world.project, name="Halmtorvet")
    page, form = home_links(client_as("outreach"))
    main = page.split('id="main-content"')[1]
    h17 = f'href="{form}?site={world.site.pk}"'
    assert h17 in main and f'href="{form}?site={halmtorvet.pk}"' in main
    assert re.search(r'<a [^>]*href="([^"]*)"', main).group(1) == f"{form}?site={world.site.pk}"  # the first link
    response = client_as("outreach").get(f"{form}?site={halmtorvet.pk}")
    assert response.context["form"]["site"].value() == halmtorvet.pk


def test_after_a_contact_today_the_home_page_and_form_start_at_that_site(client_as, world, log):
    halmtorvet = Site.objects.create(project=world.project, name="Halmtorvet")
    log(site=halmtorvet)
    client = client_as("outreach")
    page, form = home_links(client)
    assert f'href="{form}?site={halmtorvet.pk}"' in page
    assert f'href="{form}?site={world.site.pk}"' not in page
    assert client.get(form).context["form"]["site"].value() == halmtorvet.pk


def test_yesterdays_site_is_not_remembered_and_another_workers_site_is_not_mine(client_as, world, log):
    from accounts.models import Membership
    from conftest import make_user

    Site.objects.create(project=world.project, name="Halmtorvet")
    log(at=timezone.now() - timedelta(days=1))
    colleague = make_user("colleague", (world.lead, world.project, Membership.Role.OUTREACH))
    log(by=colleague)
    assert client_as("outreach").get(reverse("outreach_log", args=["exit"])).context["form"]["site"].value() is None


def test_desk_roles_do_not_get_the_contact_shortcut(client_as, world):
    for role in ("caseworker_a", "coordinator", "analyst"):
        assert reverse("outreach_log", args=["exit"]) not in client_as(role).get(reverse("home")).content.decode()
