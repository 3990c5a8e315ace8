"""An import stores all of a file or none of it: when storing fails half way (the disk fills, the
connection drops), whatever was written before is undone, and the project is as it was."""

from datetime import date

import pytest
from django.db import DatabaseError

from exchange.services import import_registrations, import_who5
from outcomes.models import Measurement
from wellbeing.models import Who5Response

from .helpers import everything, row, who5_csv
from .test_indicator_sheet import ANSWERS, measurement, workbook


def fails_after(monkeypatch, manager, method):
    """`manager.method` does its work, then the database fails."""
    real = getattr(manager, method)

    def then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(manager, method, then_fail)


def test_a_registration_import_that_fails_at_its_last_step_leaves_nothing_behind(project, monkeypatch):
    import_registrations(project=project, data=workbook([row(ref="A-1")], [measurement("A-1")]))
    before = everything(project)
    # Every kind of write before the last one: a changed course (ended, a new intervention, a referral),
    # new courses, a new catalogue name, intervention records, referrals and a changed measurement;
    # the new measurements are written last, and then storing fails.
    changed = workbook(
        [row(ref="A-1", end=date(2022, 6, 1), therapy="x", others="Jobcenter"),
         row(ref="B-2", trafficking="x", others="Rusmiddelcenter"), row(ref="C-3", counselling=None, therapy="x")],
        [measurement("A-1", date(2022, 1, 15), "start", ["street", *ANSWERS[1:]]),
         measurement("B-2"), measurement("C-3", date(2022, 3, 1), "end")])
    fails_after(monkeypatch, Measurement.objects, "bulk_create")
    with pytest.raises(DatabaseError):
        import_registrations(project=project, data=changed)
    assert everything(project) == before

    # The same file, once storing works again, stores all of it (so the failure came after the writes).
    monkeypatch.undo()
    result = import_registrations(project=project, data=changed)
    assert (result.created, result.updated, result.measurements_added, result.measurements_updated) == (2, 1, 2, 1)


def test_a_who5_import_that_fails_at_its_last_step_leaves_nothing_behind(project, monkeypatch):
    import_registrations(project=project, data=workbook([row(ref="A-1"), row(ref="B-2")], version=None))
    import_who5(project=project, data=who5_csv([["A-1", "2022-02-01", 3, 3, 3, 3, 3]]))
    before = everything(project)
    # A new answer is added first; the changed one is written last, and then storing fails.
    changed = who5_csv([["A-1", "2022-02-01", 4, 4, 4, 4, 4], ["B-2", "2022-02-02", 1, 2, 3, 4, 5]])
    fails_after(monkeypatch, Who5Response.objects, "bulk_update")
    with pytest.raises(DatabaseError):
        import_who5(project=project, data=changed)
    assert everything(project) == before

    monkeypatch.undo()
    result = import_who5(project=project, data=changed)
    assert (result.created, result.updated) == (1, 1)
