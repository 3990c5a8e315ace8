"""Issue 19 point 3: an upload's raw bytes are kept only until it is confirmed, discarded or a day old."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from exchange.models import ImportUpload


def age(upload, hours):
    ImportUpload.objects.filter(pk=upload.pk).update(uploaded_at=timezone.now() - timedelta(hours=hours))


def test_discarding_erases_the_bytes(world, client_as):
    client_as("coordinator").post(reverse("import_discard", args=[world.import_upload.pk]))
    world.import_upload.refresh_from_db()
    assert world.import_upload.status == "discarded" and bytes(world.import_upload.data) == b""


def test_an_upload_a_day_old_is_discarded_by_the_nightly_command_and_a_younger_one_is_kept(world):
    younger = ImportUpload.objects.create(project=world.project, kind="who5", filename="who5.csv", data=b"x",
                                          size=1, uploaded_by=world.users["coordinator"])
    age(world.import_upload, 25)
    age(younger, 23)
    call_command("discard_stale_uploads", stdout=open("/dev/null", "w"))  # noqa: SIM115
    world.import_upload.refresh_from_db()
    younger.refresh_from_db()
    assert world.import_upload.status == "discarded" and bytes(world.import_upload.data) == b""
    assert younger.status == "pending" and bytes(younger.data) == b"x"


def test_a_day_old_upload_is_gone_when_its_preview_is_opened(world, client_as):
    age(world.import_upload, 25)
    assert client_as("coordinator").get(reverse("import_preview", args=[world.import_upload.pk])).status_code == 404
    world.import_upload.refresh_from_db()
    assert bytes(world.import_upload.data) == b""
