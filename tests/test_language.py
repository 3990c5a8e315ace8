"""Danish by default, whatever the browser asks for; English complete when chosen."""

import re
from datetime import date

import polib
import pytest
from django.conf import settings
from django.urls import reverse


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_danish_is_the_default_even_for_an_english_browser(client_as, world):
    client = client_as("caseworker_a")
    response = client.get(reverse("course_list"), headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="da"' in response.content.decode()
    assert "Opret et forløb" in text(response)


def test_the_switcher_changes_to_english_and_back(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("course_list")})
    assert response.status_code == 302 and response["Location"] == reverse("course_list")
    page = client.get(reverse("course_list"))
    assert '<html lang="en"' in page.content.decode()
    assert "Register a course" in text(page) and "Opret et forløb" not in text(page)
    client.post(reverse("set_language"), {"language": "da", "next": reverse("course_list")})
    assert "Opret et forløb" in text(client.get(reverse("course_list")))


def test_the_switcher_works_before_signing_in(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert "Sign in to Brobygger" in text(client.get(reverse("login")))


def test_the_switcher_never_redirects_to_another_site(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


def test_dates_are_written_the_danish_way_in_danish_and_iso_in_english(client_as, world):
    client = client_as("caseworker_a")
    url = reverse("course_detail", args=[world.course_a.code])
    assert "05.01.2026" in text(client.get(url))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "2026-01-05" in text(client.get(url))
    assert world.course_a.start_date == date(2026, 1, 5)


@pytest.mark.parametrize("app", ["brobygger", "accounts", "projects", "courses"])
def test_every_foundation_string_has_a_danish_translation(app):
    catalogue = polib.pofile(str(settings.BASE_DIR / app / "locale" / "da" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == []
