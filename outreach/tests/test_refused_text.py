"""Issue 17.6: identifying text typed on the phone is refused where it was typed, and nothing is lost."""

import re

from django.urls import reverse
from django.utils import timezone

from outreach.models import OutreachContact


def post(client, world, **data):
    base = {"site": world.site.pk, "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "staff": [world.users["outreach"].pk]}
    return client.post(reverse("outreach_log", args=[world.project.slug]), {**base, **data})


def test_a_cpr_number_in_the_card_check_leaves_no_warning_for_the_page_after_the_next_save(client_as, world):
    client = client_as("outreach")
    check = reverse("outreach_card_check", args=[world.project.slug])
    # The phone's card check as htmx sends it, while the worker types; they then clear the field.
    client.get(check, {"card_code": "010190-1234"}, headers={"HX-Request": "true"}, follow=True)
    response = post(client, world)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "alert-success" in page
    assert "alert-error" not in page


def test_a_refused_note_is_kept_as_typed_and_marked(client_as, world):
    note = "Hun bad os ringe på 22 33 44 55 i morgen"
    response = post(client_as("outreach"), world, note=note)
    assert response.status_code == 200
    assert not OutreachContact.objects.exists()
    page = response.content.decode()
    textarea = re.search(r'<(?:input|textarea)[^>]*name="note"[^>]*>([^<]*)', page)
    assert note in textarea.group(0)
    assert 'aria-invalid="true"' in textarea.group(0)
    assert 'id="id_note-error"' in page
    assert "telefonnummer" in page
