from brobygger.matrix import Page
from exchange.models import ImportUpload
from exchange.tests.helpers import row, workbook

COORDINATOR = frozenset({"coordinator"})
upload = lambda w: {"pk": w.import_upload.pk}  # noqa: E731


def extend_world(w):
    data = workbook([row(ref="M-1")])
    w.import_upload = ImportUpload.objects.create(
        project=w.project, kind=ImportUpload.Kind.REGISTRATIONS, filename="registrering.xlsx", data=data,
        size=len(data), uploaded_by=w.users["coordinator"])


PAGES = [
    Page("import_start", COORDINATOR),
    Page("import_preview", COORDINATOR, kwargs=upload),
    Page("import_confirm", COORDINATOR, kwargs=upload, method="post"),
    Page("import_discard", COORDINATOR, kwargs=upload, method="post"),
]
