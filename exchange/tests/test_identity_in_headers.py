"""Issue 14.5: an intervention column's header becomes a catalogue name, so it gets the identity check."""

import pytest

from exchange.services import ImportRefused, import_registrations
from projects.models import Intervention

from .helpers import HEADERS, row, workbook


@pytest.mark.parametrize("header", ["Terapi 010190 - 1234", "Rådgivning 01.01.90-1234", "Ring 12 345 678"])
def test_an_intervention_header_with_identity_is_refused_and_never_repeated(project, header):
    with pytest.raises(ImportRefused) as refused:
        import_registrations(project=project, data=workbook([row()], headers=[*HEADERS[:-1], header]))
    problems = [str(p) for p in refused.value.problems]
    assert len(problems) == 1 and problems[0].startswith("Row 1, column I")
    assert "CPR" in problems[0] and header not in problems[0]
    assert not Intervention.objects.filter(project=project).exists()
