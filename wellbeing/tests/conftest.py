import importlib

import pytest


@pytest.fixture(autouse=True)
def who5_wording(request):
    """The official wording comes from a data migration; tests on a live server (transactional)
    flush the tables between tests, so put the rows back for them."""
    if "live_server" not in request.fixturenames:
        yield
        return
    from wellbeing.models import Who5Language

    wording = importlib.import_module("wellbeing.migrations.0003_who5_wording").WORDING
    for row in wording:
        Who5Language.objects.update_or_create(code=row["code"], defaults=row)
    yield
