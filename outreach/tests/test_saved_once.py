"""Each record made on a phone is stored once: a repeat with the same id is the stored record,
the same id with other content is refused (409) and nothing is stored."""

import json
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outreach import services
from outreach.models import GroupActivity, HealthRoomVisit, OutreachContact


def test_a_repeated_contact_with_the_same_id_is_the_stored_contact(world, log):
    client_id = uuid.uuid4()
    at = timezone.now() - timedelta(minutes=3)
    first = log(client_id=client_id, at=at, topics=[world.topic], card_code=world.card.code.lower())
    again = log(client_id=client_id, at=at, topics=[world.topic], card_code=world.card.code)
    assert (first.repeat, again.repeat) == (False, True)
    assert again.pk == first.pk
    assert OutreachContact.objects.count() == 1


def test_the_same_id_with_different_content_is_refused_and_the_stored_contact_is_unchanged(world, log):
    client_id = uuid.uuid4()
    at = timezone.now() - timedelta(minutes=3)
    log(client_id=client_id, at=at, information_given=True)
    with pytest.raises(services.ClientIdConflict):
        log(client_id=client_id, at=at, information_given=False)
    with pytest.raises(services.ClientIdConflict):
        log(client_id=client_id, at=at - timedelta(minutes=1), information_given=True)
    assert OutreachContact.objects.get().information_given is True


def test_the_same_id_from_another_worker_is_refused(world, log):
    client_id = uuid.uuid4()
    at = timezone.now() - timedelta(minutes=3)
    log(client_id=client_id, at=at)
    with pytest.raises(services.ClientIdConflict):
        log(client_id=client_id, at=at, by=world.users["coordinator"], staff=[world.users["outreach"]])
    assert OutreachContact.objects.count() == 1


def test_a_repeat_is_answered_even_when_it_would_now_be_too_old(world, log):
    """A queue replayed long after: the contact was accepted then, so the answer is still the stored one."""
    client_id = uuid.uuid4()
    at = timezone.now() - timedelta(days=services.BACKDATE_DAYS - 1)
    first = log(client_id=client_id, at=at)
    OutreachContact.objects.filter(pk=first.pk).update(at=at - timedelta(days=5))
    again = log(client_id=client_id, at=at - timedelta(days=5))
    assert again.pk == first.pk and again.repeat


def test_health_visits_and_activities_are_stored_once(world):
    by, visit_id, activity_id = world.users["outreach"], uuid.uuid4(), uuid.uuid4()
    at = timezone.now() - timedelta(minutes=2)
    for _n in range(2):
        services.record_health_visit(project=world.project, by=by, at=at, uses=["bath"], client_id=visit_id)
        services.record_activity(project=world.project, by=by, kind="social", on=timezone.localdate(), place="Reden",
                                 organiser=world.org_a, topic="Fællesspisning", attendance=12, client_id=activity_id)
    assert HealthRoomVisit.objects.count() == 1
    assert GroupActivity.objects.count() == 1
    with pytest.raises(services.ClientIdConflict):
        services.record_health_visit(project=world.project, by=by, at=at, uses=["toilet"], client_id=visit_id)
    with pytest.raises(services.ClientIdConflict):
        services.record_activity(project=world.project, by=by, kind="social", on=timezone.localdate(), place="Reden",
                                 organiser=world.org_a, topic="Fællesspisning", attendance=13, client_id=activity_id)
    assert (HealthRoomVisit.objects.get().bath, GroupActivity.objects.get().attendance) == (True, 12)


def test_a_double_tap_on_the_page_form_saves_one_contact(client_as, world):
    client = client_as("outreach")
    url = reverse("outreach_log", args=[world.project.slug])
    # The page's id, fixed rather than random: this one has runs of digits like a phone or CPR number, which a
    # random id has now and then (about one in forty), so the test does not pass or fail by the draw.
    data = {"site": world.site.pk, "at": (timezone.localtime() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
            "client_id": "20241234-5678-4123-8123-010190123456", "outcomes": ["information_given"]}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert OutreachContact.objects.count() == 1


def test_the_page_form_says_so_when_its_id_is_on_another_contact_and_offers_a_new_id(client_as, world):
    client = client_as("outreach")
    url = reverse("outreach_log", args=[world.project.slug])
    client_id = str(uuid.uuid4())
    data = {"site": world.site.pk, "at": (timezone.localtime() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
            "client_id": client_id}
    client.post(url, data)
    response = client.post(url, {**data, "outcomes": ["accompanied"]})
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.non_field_errors().as_data()] == ["conflict"]
    assert form["client_id"].value() != client_id
    assert OutreachContact.objects.count() == 1


# The phone's queue: /outreach/sync/.

def queued(world, *, at=None, user=None, project=None, **fields):
    at = at or timezone.localtime() - timedelta(minutes=5)
    return {
        "id": str(uuid.uuid4()), "kind": "contact", "project": project or world.project.slug,
        "user": (user or world.users["outreach"]).pk,
        "fields": {"site": [str(world.site.pk)], "at": [at.strftime("%Y-%m-%dT%H:%M")], **fields},
    }


def send(client, items, **extra):
    status = client.get(reverse("outreach_sync")).json()
    return client.post(reverse("outreach_sync"), json.dumps({"items": items, **extra}),
                       content_type="application/json", headers={"X-CSRFToken": status["csrf"]})


def test_the_queue_learns_who_is_signed_in(client_as, world):
    assert client_as("outreach").get(reverse("outreach_sync")).json()["user"] == world.users["outreach"].pk


def test_a_replayed_queue_stores_nothing_new(client_as, world):
    client = client_as("outreach")
    client.handler.enforce_csrf_checks = True
    items = [queued(world, at=timezone.localtime() - timedelta(minutes=m), outcomes=["information_given"])
             for m in (30, 20, 10)]
    first = send(client, items)
    assert first.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == [201, 201, 201]
    stored = {str(c.client_id): c for c in OutreachContact.objects.all()}
    assert set(stored) == {i["id"] for i in items}
    again = send(client, items).json()["results"]
    assert [r["status"] for r in again] == [200, 200, 200]
    assert [r["record"]["pk"] for r in again] == [stored[i["id"]].pk for i in items]
    assert OutreachContact.objects.count() == 3
    # Stored with the time the contact happened on the phone, not the time it arrived.
    assert sorted(timezone.localtime(c.at).strftime("%H:%M") for c in stored.values()) == sorted(
        i["fields"]["at"][0][-5:] for i in items)


def test_a_batch_looks_up_its_ids_in_one_query_not_one_per_record(client_as, world):
    client = client_as("outreach")
    items = [queued(world, at=timezone.localtime() - timedelta(minutes=m)) for m in range(1, 11)]
    with CaptureQueriesContext(connection) as queries:
        results = send(client, items).json()["results"]
    assert [r["status"] for r in results] == [201] * 10
    lookups = [q["sql"] for q in queries.captured_queries
               if q["sql"].startswith("SELECT") and '"client_id"' in q["sql"].split("WHERE", 1)[-1]]
    assert len(lookups) == 1


def test_the_same_record_twice_in_one_batch_is_stored_once(client_as, world):
    client = client_as("outreach")
    item = queued(world, outcomes=["information_given"])
    results = send(client, [item, item]).json()["results"]
    assert [r["status"] for r in results] == [201, 200]
    assert results[0]["record"]["pk"] == results[1]["record"]["pk"] == OutreachContact.objects.get().pk


@pytest.mark.parametrize("other_content, status", [(False, 200), (True, 409)])
def test_an_id_stored_between_the_batch_look_up_and_the_save_is_caught_by_the_unique_id(
        client_as, world, log, monkeypatch, other_content, status):
    """Another tab or a retry stores the record after the batch looked up its ids: the database's unique
    id still answers it, as the stored record (same content) or as a conflict (other content)."""
    from outreach import sending

    client = client_as("outreach")
    at = timezone.localtime().replace(second=0, microsecond=0) - timedelta(minutes=5)
    item = queued(world, at=at, outcomes=["information_given"])
    look_up = sending._stored_ids

    def stored_just_after_the_look_up(items):
        found = look_up(items)
        log(at=at, information_given=True, accompanied=other_content, client_id=uuid.UUID(item["id"]))
        return found

    monkeypatch.setattr(sending, "_stored_ids", stored_just_after_the_look_up)
    result = send(client, [item]).json()["results"][0]
    stored = OutreachContact.objects.get()
    assert result["status"] == status
    assert (stored.information_given, stored.accompanied) == (True, other_content)
    if status == 200:
        assert result["record"]["pk"] == stored.pk


def test_a_queued_record_with_a_reused_id_and_other_content_is_refused_with_409(client_as, world):
    client = client_as("outreach")
    item = queued(world)
    send(client, [item])
    changed = {**item, "fields": {**item["fields"], "outcomes": ["accompanied"]}}
    result = send(client, [changed]).json()["results"][0]
    assert result["status"] == 409
    assert not OutreachContact.objects.get().accompanied


def test_another_workers_queued_record_is_not_sent_as_the_signed_in_worker(client_as, world):
    client = client_as("coordinator")
    result = send(client, [queued(world, user=world.users["outreach"])]).json()["results"][0]
    assert result["status"] == 403
    assert not OutreachContact.objects.exists()


def test_an_unknown_card_comes_back_to_the_worker_to_fix(client_as, world):
    client = client_as("outreach")
    result = send(client, [queued(world, card_code=["ZZZ-ZZZ"])]).json()["results"][0]
    assert result["status"] == 400
    assert [e["field"] for e in result["errors"]] == ["card_code"]
    assert result["errors"][0]["message"] == str(services.UNKNOWN_CARD)
    assert not OutreachContact.objects.exists()


def test_a_note_refused_for_naming_someone_is_blanked_on_the_phone_too(client_as, world):
    client = client_as("outreach")
    result = send(client, [queued(world, note=["ring 12345678"])]).json()["results"][0]
    assert (result["status"], result["blank"]) == (400, ["note"])


def test_a_damaged_queued_record_is_refused_and_the_rest_of_the_batch_is_sent(client_as, world):
    client = client_as("outreach")
    damaged = [{**queued(world), "kind": ["contact"]}, {**queued(world), "id": ["not", "an", "id"]}]
    results = send(client, [*damaged, queued(world)]).json()["results"]
    assert [r["status"] for r in results] == [400, 400, 201]
    assert OutreachContact.objects.count() == 1


def test_a_queued_record_for_a_project_the_worker_does_not_log_in_is_refused(client_as, world):
    client = client_as("outreach")
    result = send(client, [queued(world, project=world.other_project.slug)]).json()["results"][0]
    assert result["status"] == 404
    assert not OutreachContact.objects.exists()


def test_a_worker_without_outreach_gets_404_from_the_queue(client_as, world):
    assert client_as("caseworker_a").get(reverse("outreach_sync")).status_code == 404


def test_an_immediate_save_gets_the_usual_message_and_the_page_to_go_to(client_as, world):
    client = client_as("outreach")
    result = send(client, [queued(world)], immediate=True).json()["results"][0]
    assert (result["status"], result["next"]) == (201, reverse("outreach_log", args=[world.project.slug]))
    page = client.get(result["next"])
    assert [str(m) for m in page.context["messages"]] == ["Gemt. Kontakter på H17 i dag: 1."]


# Two requests with the same record at the same moment (two tabs, a retry racing the first try).

@pytest.mark.django_db(transaction=True)
def test_the_same_contact_sent_twice_at_once_is_stored_once(monkeypatch):
    from conftest import build_world

    world = build_world()
    client_id = uuid.uuid4()
    at = timezone.now() - timedelta(minutes=2)
    # The timeout only stops a hang if a thread fails before its look-up; the waits are for the real moments.
    start, looked, first_look = threading.Barrier(2), threading.Barrier(2, timeout=300), threading.local()
    # SQLite's in-memory test database (shared cache) refuses a second writer at once instead of
    # letting it wait as a database file or PostgreSQL does; there the second save starts when the
    # first has finished. On PostgreSQL both saves run at once (the second waits on the unique index).
    serialise = connection.vendor == "sqlite"
    first_done, order, order_lock = threading.Event(), [], threading.Lock()
    results, failures = [], []
    look_up = services._repeat_of

    def both_look_before_either_saves(*args, **kwargs):
        # The worst moment: both requests have found no record with the id, then both save.
        found = look_up(*args, **kwargs)
        if not getattr(first_look, "done", False):
            first_look.done = True
            looked.wait()
            with order_lock:
                order.append(threading.get_ident())
                second = len(order) == 2
            if serialise and second:
                first_done.wait()  # always set: send_it sets it when its save has finished, or failed
        return found

    monkeypatch.setattr(services, "_repeat_of", both_look_before_either_saves)

    def send_it():
        try:
            start.wait()
            contact = services.log_contact(project=world.project, organisation=world.lead, by=world.users["outreach"],
                                           site=world.site, at=at, client_id=client_id, information_given=True)
            results.append((contact.pk, contact.repeat))
        except Exception as error:  # pragma: no cover - reported by the assertion below
            failures.append(error)
        finally:
            first_done.set()
            connection.close()

    threads = [threading.Thread(target=send_it) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert OutreachContact.objects.count() == 1
    assert sorted(repeat for _pk, repeat in results) == [False, True]
    assert {pk for pk, _repeat in results} == {OutreachContact.objects.get().pk}


# Shown where it matters: the time a contact happened, not the time it arrived from the phone.

def test_the_workers_contacts_today_show_the_time_they_happened(client_as, world, log):
    happened = timezone.localtime()
    contact = log(at=happened, client_id=uuid.uuid4())
    arrived = happened + timedelta(hours=4, minutes=7)
    OutreachContact.objects.filter(pk=contact.pk).update(created_at=arrived)
    page = client_as("outreach").get(reverse("outreach_log", args=[world.project.slug]))
    assert [c.pk for c in page.context["recent"]] == [contact.pk]
    html = page.content.decode()
    assert f"{happened:%H:%M} · H17" in html
    assert f"{timezone.localtime(arrived):%H:%M} · H17" not in html


def test_the_team_meeting_counts_contacts_by_when_they_happened_not_when_they_arrived(world, log):
    from brobygger.sections import render_sections
    from outreach.sections import team_meeting_section

    since = timezone.localdate() - timedelta(days=7)
    before = log(at=timezone.now() - timedelta(days=9), client_id=uuid.uuid4())
    log(at=timezone.now() - timedelta(days=2), client_id=uuid.uuid4())
    # The older contact reached the server only today (it waited on a phone).
    OutreachContact.objects.filter(pk=before.pk).update(created_at=timezone.now())
    request = RequestFactory().get("/")
    request.user, request.meeting_since = world.users["coordinator"], since
    assert team_meeting_section(request, world.project)["sites"] == {"H17": 1}
    assert "outreach-since" in "".join(render_sections("team_meeting", request, world.project))


# What the phone keeps: the service worker and the home-screen manifest.

def test_the_service_worker_covers_the_outreach_pages_and_loads_nothing_from_elsewhere(client):
    import re

    response = client.get(reverse("outreach_service_worker"))  # no session needed: the browser checks it for updates
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert reverse("outreach_service_worker").rsplit("/", 1)[0] + "/" == reverse("outreach_home")
    body = response.content.decode()
    imported = re.findall(r'"(/[^"]+\.js)"', body.split("importScripts(", 1)[1].split(");", 1)[0])
    assert imported == ["/static/vendor/workbox-core/workbox-core.prod.js",
                        "/static/vendor/workbox-routing/workbox-routing.prod.js",
                        "/static/vendor/workbox-strategies/workbox-strategies.prod.js",
                        "/static/vendor/idb/umd.js", "/static/outreach/queue.js"]
    assert "//" not in "".join(re.findall(r'"([^"]*)"', body.split("importScripts(", 1)[1].split(");", 1)[0]))


def test_the_home_screen_manifest_opens_the_projects_contact_form(client):
    manifest = client.get(reverse("outreach_manifest", args=["exit"])).json()
    assert manifest["start_url"] == "/outreach/exit/contact/"
    assert manifest["scope"] == "/outreach/"


def test_a_form_page_showing_a_message_is_not_kept_for_offline_use(client_as, world):
    client = client_as("outreach")
    url = reverse("outreach_health_visit", args=[world.project.slug])
    assert client.get(url)["X-Offline-Copy"] == "yes"
    client.post(url, {"uses": ["bath"], "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}, follow=False)
    assert "X-Offline-Copy" not in client.get(url)  # this one shows "The health-room visit is saved."
    assert client.get(url)["X-Offline-Copy"] == "yes"


def test_a_phone_made_id_that_happens_to_look_like_a_phone_number_is_accepted(client_as, world):
    # Random hex: about one id in forty has eight digits in a row somewhere.
    item = {**queued(world), "id": "12345678-1234-4abc-8def-123456789012"}
    assert send(client_as("outreach"), [item]).json()["results"][0]["status"] == 201
