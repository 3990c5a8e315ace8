"""Age bands: the database's condition (the report) and Python's (retention) put every age in the same band."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value

from brobygger import agebands


@pytest.mark.parametrize("age", [17, 18, 25, 26, 30, 31, 35, 36, 45, 46, 120])
def test_the_database_and_python_agree_on_the_band(db, age):
    rows = ContentType.objects.annotate(age=Value(age, output_field=IntegerField()))
    assert rows.exists()
    in_database = [band.key for band in agebands.BANDS if rows.filter(agebands.in_band(band)).exists()]
    assert in_database == ([agebands.band_of(age)] if agebands.band_of(age) else [])


def test_bands_follow_the_2024_report_and_have_one_label_each():
    assert agebands.KEYS == ("18-25", "26-30", "31-35", "36-45", "Over 45")
    assert agebands.band_of(45) == "36-45" and agebands.band_of(46) == "Over 45"
    assert agebands.band_of(None) == agebands.UNKNOWN == "Ukendt"
    assert agebands.band_of(17) == ""


def test_the_outreach_contacts_told_band_uses_the_same_bands():
    from outreach.models import OutreachContact

    field = OutreachContact._meta.get_field("age_band")
    assert [code for code, _label in field.choices] == list(agebands.CODES)
    assert [str(label) for _code, label in field.choices] == [str(band.label) for band in agebands.BANDS]
