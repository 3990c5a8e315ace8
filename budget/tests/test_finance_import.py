"""The finance system's CSV: refused whole with every problem listed; importing twice counts once."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from budget import finance_csv, forecast, spending
from budget.models import FinanceImport, SpendingEntry


@pytest.fixture(autouse=True)
def in_english():
    """The problems are read in English here; the Danish catalogue says the same."""
    with translation.override("en"):
        yield


GOOD = (
    "dato;konto;beløb;tekst\n"
    "31-05-2026;3510-4201;109.875,00;Løn maj\n"
    "30-06-2026;3510-4201;45000;Ladcykel\n"
    "15-07-2026;3510-4201;-1.250,50 DKK;Kreditnota\n"
)


def _import(world, text, name="export.csv"):
    return spending.import_finance_csv(initiative=world.initiative, filename=name, data=text.encode(),
                                       by=world.users["coordinator"])


def test_a_good_file_is_imported_as_decimal_spending_per_month(world):
    record = _import(world, GOOD)
    assert record.rows_added == 3
    entries = SpendingEntry.objects.filter(line=world.budget_line).order_by("booked_on")
    assert [(e.month.month, e.amount) for e in entries] == [
        (5, Decimal("109875.00")), (6, Decimal("45000.00")), (7, Decimal("-1250.50"))
    ]
    assert {e.currency for e in entries} == {"DKK"}


def test_every_problem_is_listed_and_nothing_is_saved(world):
    bad = (
        "date,account,amount,text\n"
        "2026-05-31,3510-4201,1000.00,ok\n"
        "2026-06-30,9999-0000,1000.00,unknown account\n"
        "2026-07-31,3510-4201,12.3.4,malformed amount\n"
        "2027-01-15,3510-4201,1000.00,after the period\n"
        "2026-04-30,3510-4201,1000.00,before the period\n"
        "31/13/2026,3510-4201,1000.00,no such date\n"
        "2026-08-31,3510-4201,100 EUR,another currency\n"
    )
    with pytest.raises(finance_csv.ImportRefused) as refused:
        _import(world, bad)
    problems = refused.value.problems
    assert len(problems) == 6
    assert any("row 3" in p and "9999-0000" in p for p in problems)
    assert any("row 4" in p and "12.3.4" in p for p in problems)
    assert any("row 5" in p and "outside" in p for p in problems)
    assert any("row 6" in p and "outside" in p for p in problems)
    assert any("row 7" in p and "not a date" in p for p in problems)
    assert any("row 8" in p and "100 EUR" in p for p in problems)
    assert not SpendingEntry.objects.exists()
    assert not FinanceImport.objects.exists()


def test_a_row_with_several_problems_lists_each(world):
    with pytest.raises(finance_csv.ImportRefused) as refused:
        _import(world, "date;account;amount;text\n2030-01-01;nope;abc;x\n")
    assert len(refused.value.problems) == 3


def test_missing_columns_are_named(world):
    with pytest.raises(finance_csv.ImportRefused) as refused:
        _import(world, "date;amount\n2026-05-31;100\n")
    assert any("account" in p for p in refused.value.problems)
    assert any("text" in p for p in refused.value.problems)


@pytest.mark.parametrize("data", [b"", b"date;account;amount;text\n", b"\xff\xfe\x00\x00garbage" * 10])
def test_empty_or_unreadable_files_are_refused(world, data):
    with pytest.raises(finance_csv.ImportRefused):
        spending.import_finance_csv(initiative=world.initiative, filename="x.csv", data=data,
                                    by=world.users["coordinator"])


def test_text_that_identifies_a_person_is_refused_without_repeating_it(world):
    with pytest.raises(finance_csv.ImportRefused) as refused:
        _import(world, "date;account;amount;text\n2026-05-31;3510-4201;100;Refusion til 010190-1234\n")
    assert "010190" not in " ".join(refused.value.problems)
    assert not SpendingEntry.objects.exists()


def test_importing_the_same_file_twice_does_not_double_the_spending(world):
    _import(world, GOOD)
    again = _import(world, GOOD)
    assert again.rows_added == 0
    assert again.rows_already_imported == 3
    assert SpendingEntry.objects.count() == 3


def test_a_later_export_adds_only_its_new_rows(world):
    _import(world, GOOD)
    later = _import(world, GOOD + "31-08-2026;3510-4201;100.000,00;Løn august\n")
    assert (later.rows_added, later.rows_already_imported) == (1, 3)
    spent = forecast.budget_figures([world.initiative])[0].spent
    assert spent == Decimal("109875.00") + Decimal("45000") - Decimal("1250.50") + Decimal("100000")


def test_two_equal_bookings_in_one_file_both_count(world):
    twice = "date;account;amount;text\n2026-05-31;3510-4201;500;Taxa\n2026-05-31;3510-4201;500;Taxa\n"
    assert _import(world, twice).rows_added == 2
    assert _import(world, twice).rows_added == 0


@pytest.mark.parametrize("raw, expected", [
    ("1.234,50", "1234.50"), ("1234,5", "1234.5"), ("1,234.50", "1234.50"), ("1234.50", "1234.50"),
    ("1.234.567", "1234567"), ("-300", "-300"), ("kr. 99,95", "99.95"), ("1 234,50 DKK", "1234.50"),
    ("\u2212200", "-200"),
])
def test_amounts_are_read_the_danish_and_the_english_way(raw, expected):
    assert finance_csv.parse_amount(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["", "abc", "1,2,3", "12.345,678", "100 EUR", "1e5", "--5", "5-", "1.23456"])
def test_malformed_amounts_are_refused(raw):
    with pytest.raises(ValueError):
        finance_csv.parse_amount(raw)


def test_the_import_page_lists_every_problem(world, client_as):
    client = client_as("coordinator")
    url = reverse("spending_import", args=[world.project.slug, world.initiative.number])
    upload = SimpleUploadedFile("bad.csv", b"date;account;amount;text\n2026-05-31;nope;1;x\n2026-06-31;3510-4201;y;z\n")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    problems = response.context["problems"]
    assert len(problems) == 3
    assert "ikke importeret" in response.content.decode()
    assert not SpendingEntry.objects.exists()


def test_the_import_page_imports_and_says_how_many_rows(world, client_as):
    client = client_as("coordinator")
    url = reverse("spending_import", args=[world.project.slug, world.initiative.number])
    response = client.post(url, {"file": SimpleUploadedFile("ok.csv", GOOD.encode())}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/initiatives/{world.initiative.number}/")
    assert SpendingEntry.objects.count() == 3
