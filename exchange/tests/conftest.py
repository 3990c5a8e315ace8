import pytest
from django.utils import translation

from projects.services import create_project


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English here; the commands switch to Danish themselves."""
    with translation.override("en"):
        yield


@pytest.fixture
def project(db):
    return create_project(slug="esbjerg", name="Reden Esbjerg", prefix="ESB")
