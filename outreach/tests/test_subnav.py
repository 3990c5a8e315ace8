"""The outreach subnav shows each person only the pages they may open."""

import re

import pytest
from django.urls import reverse

SUBNAV = re.compile(r'<nav [^>]*class="outreach-subnav[^"]*">(.*?)</nav>', re.S)


def subnav_links(response) -> list[str]:
    return re.findall(r'href="([^"]+)"', SUBNAV.search(response.content.decode()).group(1))


def pages(slug):
    return [reverse(name, args=[slug]) for name in (
        "outreach_log", "outreach_health_visit", "outreach_activity_list", "outreach_card_batches",
        "outreach_followup")]


def test_the_outreach_worker_is_shown_every_outreach_page(client_as, world):
    client = client_as("outreach")
    assert subnav_links(client.get(reverse("outreach_log", args=[world.project.slug]))) == pages(world.project.slug)


def test_the_national_analyst_is_shown_only_the_follow_up(client_as, world):
    """The analyst follows the figures up but logs nothing: the logging pages answer 404 to them."""
    client = client_as("analyst")
    followup = reverse("outreach_followup", args=[world.project.slug])
    assert subnav_links(client.get(followup)) == [followup]


@pytest.mark.parametrize("role", ["outreach", "coordinator", "analyst"])
def test_every_link_in_the_subnav_opens_for_the_person_it_is_shown_to(client_as, world, role):
    client = client_as(role)
    links = subnav_links(client.get(reverse("outreach_followup", args=[world.project.slug])))
    assert reverse("outreach_followup", args=[world.project.slug]) in links
    assert {link: client.get(link).status_code for link in links} == dict.fromkeys(links, 200)
