"""The coordinator's web import: upload, see a preview with every problem, confirm."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Course
from exchange.models import ImportUpload
from wellbeing.models import Who5Response

from .helpers import esbjerg_bytes, row, workbook


def upload(client, world, data, kind="registrations", name="registrering.xlsx"):
    return client.post(reverse("import_start"), {
        "project": world.project.pk, "kind": kind, "file": SimpleUploadedFile(name, data)}, follow=True)


def test_coordinator_uploads_previews_and_confirms(world, client_as):
    client = client_as("coordinator")
    response = upload(client, world, esbjerg_bytes("registrering.xlsx"))
    html = response.content.decode()
    assert "88 borgere og ingen problemer" in html
    assert "ESB-001" in html
    assert not Course.objects.filter(project_ref="ESB-001").exists()  # nothing stored before confirming
    pending = ImportUpload.objects.latest("pk")
    response = client.post(reverse("import_confirm", args=[pending.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("project_report", args=["exit"])
    assert Course.objects.filter(project=world.project, project_ref__startswith="ESB-").count() == 88
    pending.refresh_from_db()
    assert pending.status == "imported" and bytes(pending.data) == b""  # the spreadsheet is not kept

    response = upload(client, world, esbjerg_bytes("who5.csv"), kind="who5", name="who5.csv")
    client.post(reverse("import_confirm", args=[ImportUpload.objects.get(status="pending", kind="who5").pk]))
    assert Who5Response.objects.filter(course__project=world.project).count() == 56


def test_the_preview_lists_every_problem_and_offers_no_import(world, client_as):
    client = client_as("coordinator")
    response = upload(client, world, workbook([row(age=12), row(ref="B", gender="?")]))
    html = response.content.decode()
    assert "Filen har 2 problemer" in html
    assert "Række 2, kolonne C (Alder)" in html and "Række 3, kolonne B (Køn)" in html
    assert reverse("import_confirm", args=[ImportUpload.objects.latest("pk").pk]) not in html
    client.post(reverse("import_confirm", args=[ImportUpload.objects.latest("pk").pk]))
    assert not Course.objects.filter(project_ref="B").exists()


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(world, client_as):
    response = upload(client_as("coordinator"), world, b"just text")
    assert "Filen er ikke en Excel-projektmappe (.xlsx)." in response.content.decode()


def test_a_file_over_20_mb_is_refused_at_upload(world, client_as):
    response = upload(client_as("coordinator"), world, b"0" * (20 * 1024 * 1024 + 1))
    assert "større end 20 MB" in response.content.decode()
    assert not ImportUpload.objects.filter(filename="registrering.xlsx", uploaded_by__username="coordinator",
                                           status="pending").exclude(pk=world.import_upload.pk).exists()


def test_discarding_erases_the_file(world, client_as):
    client_as("coordinator").post(reverse("import_discard", args=[world.import_upload.pk]))
    world.import_upload.refresh_from_db()
    assert world.import_upload.status == "discarded" and bytes(world.import_upload.data) == b""


def test_another_coordinators_upload_is_404(world, client):
    from accounts.models import Membership
    from conftest import make_user

    other = make_user("coordinator2", (world.lead, world.project, Membership.Role.COORDINATOR))
    client.force_login(other)
    assert client.get(reverse("import_preview", args=[world.import_upload.pk])).status_code == 404


def test_the_preview_counts_the_exit_indicator_measurements(world, client_as):
    from .test_indicator_sheet import measurement
    from .test_indicator_sheet import workbook as version_2

    data = version_2([row(ref="A-1")], [measurement("A-1"), measurement("A-1", kind="end")])
    html = upload(client_as("coordinator"), world, data).content.decode()
    assert "Arket Indikatorer har 2 målinger af exit-indikatorer." in html
