from django.urls import reverse

from brobygger.matrix import ROLES, Page

# Every staff user with a membership reads the directory; coordinators keep it.
staff = frozenset(ROLES) - {"outsider"}
keepers = frozenset({"coordinator", "coordinator_aarhus"})  # of any project


def extend_world(w):
    from directory.services import save_service

    w.service = save_service(name="Gratis anonym stofbehandling", provider="Københavns Kommune", kind="drug_treatment",
                             offers="Gratis og anonym behandling.", anonymous=True, audiences=["everyone"])


PAGES = [
    Page("directory_list", staff),
    Page("directory_public", frozenset(), public=True),
    Page("directory_service_create", keepers),
    Page("directory_service_edit", keepers, kwargs=lambda w: {"pk": w.service.pk}),
    Page("directory_service_checked", keepers, method="post", kwargs=lambda w: {"pk": w.service.pk},
         redirect=lambda w: reverse("directory_list")),
]
