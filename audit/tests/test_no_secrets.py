"""Nothing that could identify a citizen or open a citizen's link reaches the access log (issue 14, point 7)."""

import csv
import io

from django.urls import reverse

from audit.models import AccessEvent


def everything_logged(client_as) -> str:
    """Every field of every entry, and the administrator's CSV export of them."""
    rows = " ".join(str(e.__dict__) for e in AccessEvent.objects.all())
    export = client_as("administrator").get(reverse("audit_export")).content.decode("utf-8-sig")
    return rows + export


def test_a_staff_member_posting_to_a_citizen_link_logs_no_key(client_as, world, caplog):
    client = client_as("caseworker_a")
    client.post(reverse("who5_citizen", args=[world.who5_token]), {"language": "da"})
    event = AccessEvent.objects.get(url_name="who5_citizen")
    assert event.path == "/s/[link]/"
    assert world.who5_token not in everything_logged(client_as)
    assert world.who5_token not in caplog.text


def test_a_link_key_in_an_unknown_address_is_not_logged(client_as, world):
    response = client_as("caseworker_a").get(f"/s/{world.who5_token}/more/")
    assert response.status_code == 404
    assert AccessEvent.objects.get(action="denied").path == "/s/[link]/more/"
    assert world.who5_token not in everything_logged(client_as)


def test_the_export_names_the_entrys_project(client_as, world):
    client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code]))
    rows = list(csv.DictReader(io.StringIO(
        client_as("administrator").get(reverse("audit_export")).content.decode("utf-8-sig")), delimiter=";"))
    assert [row["project"] for row in rows if row["course"] == world.course_a.code] == [world.project.slug]


def test_a_search_for_a_spaced_cpr_number_is_not_in_the_log_or_its_export(client_as, world, caplog):
    for number in ("010190 - 1234", "010190–1234", "01.01.90-1234"):
        client_as("coordinator").get(reverse("course_list"), {"q": number, "status": "open"}, follow=True)
        logged = everything_logged(client_as)
        assert number not in logged
        assert "0101901234" not in logged
        assert number not in caplog.text
    searches = AccessEvent.objects.filter(action="search", username="coordinator")
    assert searches.exists()
    assert {e.detail for e in searches} <= {"q=[refused: identifying text]", "status=open"}
