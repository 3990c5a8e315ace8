"""Signing out on a shared phone: the browser clears what Brobygger keeps there, but never an unsent queue
nobody was asked about (app.js asks the worker first and then sends clear_phone=1)."""

import time
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from signin.services import STARTED_KEY


def signed_in(client):
    return client.get(reverse("home")).wsgi_request.user.is_authenticated


@pytest.mark.parametrize("name", ["logout", "signin_sign_out_everywhere"])
def test_a_sign_out_the_phone_agreed_to_clears_the_sites_storage_but_not_the_http_cache(client_as, name):
    client = client_as("outreach")
    response = client.post(reverse(name), {"clear_phone": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert response["Clear-Site-Data"] == '"storage"'
    assert not signed_in(client)


@pytest.mark.parametrize("name", ["logout", "signin_sign_out_everywhere"])
def test_a_sign_out_without_the_phones_word_leaves_its_queue_alone(client_as, name):
    """No JavaScript, or a page from before: nobody was asked about unsent records, so none are deleted."""
    client = client_as("outreach")
    response = client.post(reverse(name))
    assert response.status_code == 302
    assert "Clear-Site-Data" not in response
    assert not signed_in(client)


def test_a_session_that_ends_by_itself_leaves_the_phones_queue_alone(client_as, world):
    client = client_as("outreach")
    session = client.session
    # Not a timing: the session's start is set 13 hours back, past the 12 hours a session may last.
    session[STARTED_KEY] = time.time() - 13 * 60 * 60
    session.save()
    response = client.get(reverse("outreach_log", args=[world.project.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "Clear-Site-Data" not in response


class SignOutForms(HTMLParser):
    def __init__(self, actions):
        super().__init__()
        self.actions, self.found = actions, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("action") in self.actions:
            self.found.append((attrs["action"], "data-sign-out" in attrs and bool(attrs.get("data-unsent"))))


def test_every_sign_out_form_asks_about_unsent_records_first(client_as):
    """app.js asks, and adds clear_phone, only on a form marked data-sign-out with its question."""
    logout, everywhere = reverse("logout"), reverse("signin_sign_out_everywhere")
    forms = SignOutForms({logout, everywhere})
    forms.feed(client_as("outreach").get(reverse("signin_account")).content.decode())
    # The header's form and the phone menu's, and the account page's "sign out everywhere".
    assert sorted(forms.found) == [(logout, True), (logout, True), (everywhere, True)]
