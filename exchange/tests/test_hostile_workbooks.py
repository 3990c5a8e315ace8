"""Issue 14 point 3: a tiny workbook must not tie up a worker. Every hostile file is refused
with a message before openpyxl parses it (or, for one that only looks honest, while it streams),
from the web form and from the import_registrations command."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from exchange import formats
from exchange.formats import UnreadableFile
from exchange.models import ImportUpload
from exchange.services import check_registrations

from . import hostile
from .helpers import HEADERS, row

TOO_MANY_ROWS = "more than 100000 rows"
HOSTILE = {
    "full_grid": (hostile.full_grid, TOO_MANY_ROWS),
    "bottom_row": (hostile.bottom_row, TOO_MANY_ROWS),
    "far_column": (hostile.far_column, "more than 1000 columns"),
    "tightly_packed": (hostile.tightly_packed, "packed unusually tightly"),
}
# The pages speak Danish to the coordinator.
DANISH = {
    "full_grid": "Arket har mere end 100000 rækker.",
    "bottom_row": "Arket har mere end 100000 rækker.",
    "far_column": "Arket har mere end 1000 kolonner.",
    "tightly_packed": "Projektmappen er pakket usædvanligt tæt",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_workbook_is_refused_with_a_message(project, name):
    make, message = HOSTILE[name]
    with pytest.raises(UnreadableFile, match=message):
        check_registrations(project, make())


def test_the_full_grid_workbook_is_as_small_as_the_one_reported():
    assert len(hostile.full_grid()) < 2000


@pytest.mark.parametrize("name", HOSTILE)
def test_the_command_refuses_it_with_the_message(project, name, tmp_path):
    make, message = HOSTILE[name]
    path = tmp_path / "registrering.xlsx"
    path.write_bytes(make())
    with pytest.raises(CommandError, match=message):
        call_command("import_registrations", project.slug, str(path), "--language", "en",
                     stdout=io.StringIO(), stderr=io.StringIO())
    assert not project.courses.exists()


@pytest.mark.parametrize("name", HOSTILE)
def test_the_web_form_refuses_it_and_keeps_nothing(world, client_as, name):
    make, _message = HOSTILE[name]
    before = set(ImportUpload.objects.values_list("pk", flat=True))
    response = client_as("coordinator").post(reverse("import_start"), {
        "project": world.project.pk, "kind": "registrations",
        "file": SimpleUploadedFile("registrering.xlsx", make())})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and errors[0].startswith(DANISH[name])
    assert DANISH[name] in response.content.decode()
    assert set(ImportUpload.objects.values_list("pk", flat=True)) == before


def test_a_hostile_file_stored_before_this_check_is_refused_on_its_preview(world, client_as):
    upload = ImportUpload.objects.create(project=world.project, kind="registrations", filename="x.xlsx",
                                         data=hostile.full_grid(), size=1569, uploaded_by=world.users["coordinator"])
    response = client_as("coordinator").get(reverse("import_preview", args=[upload.pk]))
    assert response.context["unreadable"].startswith(DANISH["full_grid"])


def test_a_workbook_too_large_when_unpacked_is_refused_however_loosely_packed(project, monkeypatch):
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    data = hostile.noisy(3)  # packs about 7 times smaller: not suspicious, only too big
    with pytest.raises(UnreadableFile, match="too large when unpacked"):
        check_registrations(project, data)


def test_rows_beyond_the_limit_are_refused(project, monkeypatch):
    monkeypatch.setattr(formats, "MAX_ROWS", 50)
    assert not check_registrations(project, hostile.many_rows(50)).problems
    with pytest.raises(UnreadableFile, match="more than 50 rows"):
        check_registrations(project, hostile.many_rows(51))


def test_reading_stops_at_the_row_limit_while_streaming(monkeypatch):
    """Rows the check before parsing could not see (here: given straight to the reader) still stop it."""
    monkeypatch.setattr(formats, "MAX_ROWS", 50)
    streamed = []

    def rows():
        yield HEADERS
        for i in range(1000):
            streamed.append(i)
            yield row(ref=f"A-{i}") if i < 3 else [None] * len(HEADERS)

    with pytest.raises(UnreadableFile, match="more than 50 rows"):
        formats._read_registration_rows(rows())
    assert len(streamed) == 51


def test_reading_has_a_time_limit(project, monkeypatch):
    """A web request gives the reading a deadline; a clock that jumps a second per look runs it out."""
    clock = iter(range(10**6))
    monkeypatch.setattr(formats, "monotonic", lambda: next(clock))
    data = hostile.many_rows(2000)
    with pytest.raises(UnreadableFile, match="took too long"):
        check_registrations(project, data, time_limit=3)
    assert not check_registrations(project, data).problems  # the command has no deadline
