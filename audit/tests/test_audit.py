import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from audit import log
from audit.models import AccessEvent, ChangeRecord
from courses.models import Course

CPR = "010190-1234"


def events(**filters):
    return AccessEvent.objects.filter(**filters)


def test_reading_a_course_is_logged_with_who_what_where(client_as, world):
    client = client_as("caseworker_a")
    client.get(reverse("course_detail", args=[world.course_a.code]), REMOTE_ADDR="10.1.2.3")
    event = events(action="view", course_code=world.course_a.code).get()
    assert event.username == "caseworker_a"
    assert event.user_id == world.users["caseworker_a"].pk
    assert "Reden København: caseworker" in event.roles
    assert event.project_id == world.project.pk
    assert event.ip == "10.1.2.3"
    assert event.status == 200
    assert event.url_name == "course_detail"


def test_reading_another_organisations_course_is_404_and_logged(client_as, world):
    client = client_as("caseworker_b")
    response = client.get(reverse("course_detail", args=[world.course_a.code]))
    assert response.status_code == 404
    event = events(action="denied", course_code=world.course_a.code).get()
    assert event.username == "caseworker_b"
    # The coordinator of the project sees the refusal in the log.
    assert world.course_a.code in client_as("coordinator").get(reverse("audit_log")).content.decode()


def test_a_change_is_logged(client_as, world):
    client = client_as("caseworker_a")
    client.post(reverse("referral_status", args=[world.course_a.code, world.referral_a.pk]), {"status": "started"})
    assert events(action="change", course_code=world.course_a.code, username="caseworker_a").exists()


def test_a_search_is_logged_with_its_criteria(client_as, world):
    client_as("coordinator").get(reverse("course_list"), {"q": "KBH", "status": "open"})
    # One entry for each course the search showed, each with the criteria.
    found = events(action="search")
    assert {e.course_code for e in found} == {world.course_a.code, world.course_b.code}
    assert {e.detail for e in found} == {"q=KBH; status=open"}


def test_a_search_that_finds_nothing_is_logged_once(client_as, world):
    client_as("coordinator").get(reverse("course_list"), {"q": "NOTHING"})
    event = events(action="search").get()
    assert (event.detail, event.course_code, event.project_id) == ("q=NOTHING", "", world.project.pk)


def test_a_cpr_number_in_a_search_is_not_searched_shown_or_logged(client_as, world, caplog):
    client = client_as("coordinator")
    response = client.get(reverse("course_list"), {"q": CPR, "status": "open"}, follow=True)
    page = response.content.decode()
    assert CPR not in page and "0101901234" not in page
    assert response.redirect_chain[0][0] == reverse("course_list") + "?status=open"
    assert "CPR" in page
    for event in AccessEvent.objects.all():
        assert CPR not in str(event.__dict__)
    assert CPR not in caplog.text


def test_a_cpr_number_as_course_id_is_not_logged(client_as, world):
    client_as("coordinator").get(f"/courses/{CPR}/")
    event = events(action="denied").get()
    assert CPR not in event.path and CPR not in event.course_code


def test_sign_in_and_failed_sign_in_are_logged(client, world):
    client.post(reverse("login"), {"username": "caseworker_a", "password": "wrong password here"})
    assert events(action="sign_in_failed", username="caseworker_a").exists()
    client.force_login(world.users["caseworker_a"])
    assert events(action="sign_in", username="caseworker_a").exists()


def test_a_failed_sign_in_with_a_cpr_as_user_name_does_not_log_it(client, world):
    client.post(reverse("login"), {"username": CPR, "password": "wrong password here"})
    event = events(action="sign_in_failed").get()
    # Any unknown name is kept only as a short keyed hash (signin.lockout), identifying or not.
    assert event.username.startswith("unknown user name ") and CPR[:6] not in event.username


def test_the_app_cannot_change_or_delete_log_entries(world):
    event = log.record(action="view", course=world.course_a)
    event.detail = "tampered"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AccessEvent.objects.all().update(detail="tampered")
    with pytest.raises(PermissionDenied):
        AccessEvent.objects.all().delete()


def test_the_database_refuses_updates_and_early_deletes(world):
    """Raw SQL, past the app: the triggers stop it, on SQLite and on PostgreSQL alike."""
    log.record(action="view", course=world.course_a)
    for sql in ("UPDATE audit_accessevent SET detail = 'tampered'", "DELETE FROM audit_accessevent",
                "UPDATE audit_changerecord SET changed_fields = 'x'", "DELETE FROM audit_changerecord"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AccessEvent.objects.count() >= 1
    assert ChangeRecord.objects.count() >= 1


def test_bulk_updates_are_caught_by_the_change_history(world):
    Course.objects.filter(pk=world.course_a.pk).update(gender="man")
    record = ChangeRecord.objects.filter(course_code=world.course_a.code, operation="UPDATE").get()
    assert record.table_name == "courses_course"
    assert record.changed_fields == "gender"
    # Values are never copied into the history.
    assert "man" not in record.changed_fields.replace("gender", "")


def test_inserts_and_deletes_of_course_parts_are_recorded(world):
    assert ChangeRecord.objects.filter(table_name="courses_referral", operation="INSERT",
                                       course_code=world.course_a.code).exists()
    pk = world.referral_a.pk
    world.referral_a.delete()
    record = ChangeRecord.objects.get(table_name="courses_referral", operation="DELETE", row_id=pk)
    assert record.course_code == world.course_a.code


def test_prune_deletes_only_entries_past_retention(world, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    recent = log.record(action="view", course=world.course_a)
    # An old entry, as if written 400 days ago (created directly; the app never backdates).
    old = AccessEvent(action="view", course_code=world.course_a.code, at=timezone.now() - timedelta(days=400))
    old.save()
    out = io.StringIO()
    call_command("prune_audit_log", "--dry-run", stdout=out)
    assert "would delete 1 access log entries" in out.getvalue()
    assert AccessEvent.objects.filter(pk=old.pk).exists()
    call_command("prune_audit_log", stdout=out)
    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    assert AccessEvent.objects.filter(pk=recent.pk).exists()


def test_the_database_refuses_pruning_younger_than_180_days(world):
    from audit.services import prune

    log.record(action="view", course=world.course_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        prune(days=0, now=timezone.now() + timedelta(days=1))


def test_retention_setting_below_the_floor_is_an_error(settings):
    from audit.checks import audit_retention

    settings.AUDIT_RETENTION_DAYS = 30
    assert audit_retention(None)[0].id == "audit.E001"
    settings.AUDIT_RETENTION_DAYS = 730
    assert audit_retention(None) == []


def test_coordinator_asks_who_looked_at_a_course(client_as, world):
    client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code]))
    client_as("caseworker_a").get(reverse("course_detail", args=[world.course_b.code]))
    page = client_as("coordinator").get(reverse("audit_log"), {"course": world.course_a.code}).content.decode()
    assert "caseworker_a" in page
    assert world.course_b.code not in page.split("<tbody>")[1].split("</tbody>")[0]
    assert 'id="change-history"' in page  # the change history of the course


def test_coordinator_asks_what_a_user_did_and_exports_it(client_as, world):
    client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code]))
    client = client_as("coordinator")
    # The coordinator's CSV is an export request (recipient, purpose), fetched through its link.
    asked = client.post(reverse("release_new", args=[world.project.slug]) + "?kind=access_log&user=caseworker_a", {
        "kind": "access_log", "recipient_kind": "organisation", "recipient_organisation": world.lead.pk,
        "purpose": "access_check", "purpose_text": "Kontrol af opslag"})
    response = client.get(asked["Location"] + "download/")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "time"
    assert {row[1] for row in rows[1:]} == {"caseworker_a"}
    assert any(row[4] == world.course_a.code and row[3] == "view" for row in rows[1:])
    assert events(action="export", username="coordinator").exists()


def test_only_the_administrator_downloads_the_log_directly(client_as, world):
    assert client_as("administrator").get(reverse("audit_export")).status_code == 200
    assert client_as("coordinator").get(reverse("audit_export")).status_code == 404


def test_coordinator_does_not_see_other_projects(client_as, world):
    from courses import services

    other = services.register_course(project=world.other_project, organisation=world.national,
                                     by=world.users["analyst"], start_date=timezone.localdate())
    log.record(action="view", course=other, user=world.users["analyst"])
    page = client_as("coordinator").get(reverse("audit_log")).content.decode()
    assert other.code not in page
    assert other.code in client_as("administrator").get(reverse("audit_log")).content.decode()


def test_csv_export_defuses_formulas(client_as, world):
    AccessEvent(action="sign_in_failed", username="=HYPERLINK(\"x\")").save()
    content = client_as("administrator").get(reverse("audit_export")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_control_characters_never_reach_the_log(client_as, world):
    client_as("coordinator").get(reverse("course_list"), {"q": "KBH\x00-1\x1b"})
    assert {e.detail for e in events(action="search")} == {"q=KBH-1"}


def test_the_danish_log_names_roles_in_danish_and_keeps_codes_stored(client_as, world):
    client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code]))
    page = client_as("coordinator").get(reverse("audit_log"), {"course": world.course_a.code}).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "Reden København: Sagsbehandler" in rows
    assert ": caseworker" not in rows
    assert events(action="view", course_code=world.course_a.code).get().roles == "Reden København: caseworker"
