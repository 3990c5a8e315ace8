from django.urls import reverse

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
    Page("import_start", COORDINATOR | {"coordinator_aarhus"}),  # for one's own projects
    Page("import_preview", COORDINATOR, kwargs=upload),
    Page("import_confirm", COORDINATOR, kwargs=upload, method="post",
         redirect=lambda w: reverse("project_report", args=[w.project.slug])),
    Page("import_discard", COORDINATOR, kwargs=upload, method="post", redirect=lambda w: reverse("import_start")),
]
