"""Test helpers: the Esbjerg sample (copied from the contract) and generated variant files."""

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
from django.core.management import call_command

from courses.models import Course, InterventionRecord, Referral
from outcomes.models import Measurement
from projects.models import Intervention
from wellbeing.models import Who5Response

DATA = Path(__file__).parent / "data"
ESBJERG = DATA / "esbjerg"

HEADERS = ["Borger-ID", "Køn", "Alder", "Startdato", "Slutdato", "Henvist til indsats mod menneskehandel",
           "Visiteret til andre tilbud", "Rådgivning", "Gruppeterapi"]


def esbjerg_bytes(name):
    return (ESBJERG / name).read_bytes()


def workbook(rows, headers=HEADERS, *, title="Borgere", before=()):
    """An .xlsx in memory; `before` lists sheet titles put before the data sheet (e.g. instructions)."""
    wb = openpyxl.Workbook()
    first = wb.active
    for i, extra in enumerate(before):
        sheet = first if i == 0 else wb.create_sheet(extra)
        sheet.title = extra
        sheet.append(["Sådan udfylder du arket: én række per borger."])
    sheet = wb.create_sheet(title) if before else first
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row(ref="A-1", gender="Kvinde", age=30, start=date(2022, 1, 1), end=None, trafficking=None, others=None,
        counselling="x", therapy=None):
    return [ref, gender, age, start, end, trafficking, others, counselling, therapy]


def who5_csv(lines, *, sep=",", bom=False, crlf=False):
    text = (("\r\n" if crlf else "\n").join(sep.join(str(v) for v in line) for line in
                                            [["Borger-ID", "Dato", "Spm1", "Spm2", "Spm3", "Spm4", "Spm5"], *lines]))
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def everything(project):
    """Every stored field (ids and timestamps too) of the project's catalogue, courses, intervention
    records, referrals, WHO-5 answers and exit indicator measurements."""
    return {model.__name__: list(model.objects.filter(**scope).order_by("pk").values()) for model, scope in [
        (Intervention, {"project": project}), (Course, {"project": project}),
        (InterventionRecord, {"course__project": project}), (Referral, {"course__project": project}),
        (Who5Response, {"course__project": project}), (Measurement, {"course__project": project})]}


def run(*args):
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())


__all__ = ["datetime"]
