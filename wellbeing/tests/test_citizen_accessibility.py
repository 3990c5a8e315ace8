"""The citizen's pages link to an accessibility statement in the citizen's language, which says
nothing about the person or the purpose."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from wellbeing import services
from wellbeing.models import Who5Invitation, is_token_shaped


@pytest.fixture(autouse=True)
def _clear_rate_limit(db):
    cache.clear()


@pytest.fixture
def token(world):
    return services.create_invitation(course=world.course_a, by=world.users["caseworker_a"])[1]


def statement_link(body):
    links = re.findall(r'<a [^>]*href="([^"]*)"[^>]*>([^<]*)</a>', body)
    return [href for href, text in links if text.strip() in ("Tilgængelighedserklæring", "Accessibility statement")]


@pytest.mark.parametrize("lang, label", [("da", "Tilgængelighedserklæring"), ("en", "Accessibility statement")])
def test_every_citizen_page_links_to_the_statement_in_its_language(client, token, lang, label):
    statement = reverse("who5_accessibility") + f"?lang={lang}"
    pages = [
        # From the questions, the statement leads back to them (the visit is one history entry).
        (client.get(reverse("who5_citizen", args=[token]) + f"?lang={lang}"), f"{statement}&amp;back={token}"),
        (client.get(reverse("who5_thanks") + f"?lang={lang}"), statement),
        (client.get(reverse("who5_citizen", args=["x" * 26]) + f"?lang={lang}"), statement),
    ]
    for page, link in pages:
        body = page.content.decode()
        assert f">{label}</a>" in body
        assert statement_link(body) == [link]


def test_the_statement_leads_back_only_to_something_shaped_like_a_link(client, token):
    back = client.get(reverse("who5_accessibility") + f"?lang=en&back={token}").content.decode()
    assert f'href="{reverse("who5_citizen", args=[token])}?lang=en">Back to the questions</a>' in back
    odd = client.get(reverse("who5_accessibility") + "?lang=en&back=https://example.org/").content.decode()
    assert "Back to the questions" not in odd and "example.org" not in odd


def test_what_a_new_link_carries_is_token_shaped_and_little_else_is(db):
    # The statement's way back and usable_invitation both ask is_token_shaped.
    assert all(is_token_shaped(Who5Invitation.new_token()) for _ in range(50))
    for odd in ["", "a" * 25, "a" * 27, "A" * 26, "1" * 26, "-" * 26, "a" * 25 + "/"]:
        assert not is_token_shaped(odd), odd
        assert services.usable_invitation(odd) is None


def test_the_statement_is_a_citizen_page_in_the_citizens_language(client):
    response = client.get(reverse("who5_accessibility") + "?lang=en")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in body and "<h1>Accessibility statement</h1>" in body
    assert "data-leave-quickly" in body
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies


def test_the_statement_says_nothing_about_the_person_or_the_purpose(client, world):
    body = client.get(reverse("who5_accessibility")).content.decode().lower()
    assert "<h1>tilgængelighedserklæring</h1>" in body
    for word in ("prostitu", "sex", "brobygger", "reden", world.project.name.lower(), "hovedmenu", "/logout/",
                 "koordinator"):
        assert word not in body
