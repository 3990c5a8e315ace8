"""Free text never holds a CPR number, a phone number or an e-mail address."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from brobygger.identity import CPR_MESSAGE, PHONE_MESSAGE, check_no_identity, identity_kinds, identity_problems


@pytest.mark.parametrize("text", [
    "010190-1234", "0101901234", "010190 1234", "Født 010190-1234, kom i dag", "cpr:0101901234.",
])
def test_cpr_numbers_with_or_without_dash_or_space_are_found(text):
    assert identity_kinds(text) == ["cpr"]


@pytest.mark.parametrize("text", [
    "12345678", "12 34 56 78", "1234 5678", "12-34-56-78", "12.34.56.78", "ring 12 34 5678",
    "+45 12 34 56 78", "+4512345678", "+45 1234 5678", "0045 12345678", "(+45) 12345678",
    "+44 20 7946 0958", "+1 212 555 0100", "tlf.: 22 33 44 55 efter kl. 16",
])
def test_phone_numbers_are_found_as_phones_not_as_cpr(text):
    assert identity_kinds(text) == ["phone"]


@pytest.mark.parametrize("text", [
    "a@b.dk", "mette.hansen+x@mail.example.dk", "Skriv til navn_efternavn@firma-x.com.", "æblé@kø.dk",
])
def test_email_addresses_are_found(text):
    assert identity_kinds(text) == ["email"]


@pytest.mark.parametrize("text", [
    "", "Samtale om bolig og økonomi.", "Mødtes 2026-11-23 kl. 10.30", "Vi mødtes 10.11.2026",
    "kl. 12.30-14.00", "i perioden 2024-2025", "3 samtaler i 2025", "Kr. 1.250,00 i tilskud",
    "bus 350S", "uge 12 og 13", "Henvist til Center mod Menneskehandel", "Aftale @ Reden",
])
def test_ordinary_notes_pass(text):
    assert identity_kinds(text) == []


def test_text_with_everything_gets_every_reason_once():
    text = "010190-1234, 12 34 56 78 og a@b.dk"
    assert identity_kinds(text) == ["cpr", "email", "phone"]


def test_validator_message_says_why_and_never_repeats_the_text():
    with pytest.raises(ValidationError) as error:
        check_no_identity("Borgeren har cpr 010190-1234")
    messages = [str(m) for m in error.value.messages]
    assert messages == [str(CPR_MESSAGE)]
    assert "010190" not in " ".join(messages)
    assert all(e.code == "identity" for e in error.value.error_list)


def test_validator_accepts_empty_and_none():
    check_no_identity("")
    check_no_identity(None)


def test_problems_are_the_translated_messages():
    assert [str(m) for m in identity_problems("+45 12 34 56 78")] == [str(PHONE_MESSAGE)]


# How fast the check is on these texts (they make a naive pattern quadratic) is measured by
# bench/identity_bench.py; here, what it finds in them.
@pytest.mark.parametrize(("text", "kinds"), [
    ("a" * 100_000, []),
    ("a." * 50_000 + "@", []),
    ("a@" * 50_000, []),
    ("a@" + "b" * 100_000, []),
    ("1 " * 50_000, ["phone"]),       # eight single digits with spaces between are a phone number
    ("+1" * 50_000, []),
    ("12 " * 35_000, ["phone"]),
    ("x-" * 50_000 + "@", []),
    ("01.01.90 " * 20_000, []),
    ("1\u2013" * 50_000, []),
    ("tlf 1 " * 20_000, []),
    ("+45 " * 25_000, []),
    ("12 500 " * 20_000, ["phone"]),
])
def test_long_pathological_text_is_checked_to_the_end(text, kinds):
    # With a CPR number at its very end: the check reads all of the text (one call, as the test is slow).
    assert identity_kinds(text + " 010190-1234") == ["cpr", *kinds]


# Property tests: whatever surrounds them, identifying details are found, and ordinary
# words with short numbers never are.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ,.!?", max_size=30)
separated_words = words.map(lambda w: f" {w} ")


@settings(max_examples=200, deadline=None)
@given(before=separated_words, after=separated_words, digits=st.from_regex(r"\A\d{10}\Z"),
       sep=st.sampled_from(["", "-", " "]))
def test_any_cpr_in_any_words_is_found(before, after, digits, sep):
    assert identity_kinds(f"{before}{digits[:6]}{sep}{digits[6:]}{after}") == ["cpr"]


@settings(max_examples=200, deadline=None)
@given(before=separated_words, after=separated_words, digits=st.from_regex(r"\A\d{8}\Z"),
       prefix=st.sampled_from(["", "+45 ", "+45", "0045 ", "+45-"]),
       layout=st.sampled_from(["{}{}{}{}", "{} {} {} {}", "{}{} {}{}", "{}-{}-{}-{}", "{}.{}.{}.{}"]))
def test_any_danish_phone_in_any_words_is_found_as_a_phone(before, after, digits, prefix, layout):
    number = prefix + layout.format(digits[0:2], digits[2:4], digits[4:6], digits[6:8])
    assert identity_kinds(f"{before}{number}{after}") == ["phone"]


local = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._+-", min_size=1, max_size=20)
label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(before=separated_words, local=local, domain=st.lists(label, min_size=2, max_size=4))
def test_any_email_address_is_found(before, local, domain):
    assert "email" in identity_kinds(f"{before}{local}@{'.'.join(domain)}")


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå,.!?", min_size=1, max_size=15),
                                st.integers(min_value=0, max_value=9999)), max_size=12))
def test_words_with_short_numbers_are_never_refused(parts):
    text = " ".join(f"{word} {number}" for word, number in parts)
    assert identity_kinds(text) == []


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=2000))
def test_any_text_is_checked_without_error(text):
    kinds = identity_kinds(text)
    assert kinds == [kind for kind in ("cpr", "email", "phone") if kind in kinds]  # each once, in this order


# Issue 14.5: identity written with spaces, dashes of any kind and dots is found too, and the
# ordinary Danish text of notes, budgets and catalogues (amounts, dates, years, ids) still passes.
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d"]
SPACES = [" ", "\u00a0", "\u202f", "  "]


@pytest.mark.parametrize("text", [
    "010190 - 1234", "010190\u20131234", "01.01.90-1234", "01-01-90-1234", "01/01/90 1234", "01 01 90 1234",
    "010190 \u2014 1234", "010190.1234", "010190/1234", "0101\u200b90-1234", "cpr: 01.01.90 - 1234",
])
def test_cpr_numbers_with_any_separator_are_found(text):
    assert identity_kinds(text) == ["cpr"]


@pytest.mark.parametrize("text", [
    "tlf 123 45 678", "tlf. 12.345.678", "mobil: 12-345-678", "ring på 1234 56 78", "+45 12-345-678",
    "0045 1234\u20135678", "SMS 12 345 678", "12\u201334\u201356\u201378", "12 34 56 78",
])
def test_phone_numbers_with_any_grouping_are_found(text):
    assert identity_kinds(text) == ["phone"]


@pytest.mark.parametrize("text", [
    "12.500 kr", "12 500 000 kr", "kr. 879.000", "12.345.678 kr", "1 234 567 890 kr", "1.234.567,50",
    "01.01.2026", "1.1.2026", "01 01 2026", "2026-01-01", "01.01.26-31.12.26", "01.01.2026-31.12.2026",
    "KBH-7QF3", "6AA-TNY", "3510-4201", "BIU 35.10", "i 2024 og 2025", "2024/25", "kl. 9.00-15.30",
    "uge 12-13", "Sociolancen, Vesterbrogade 121, 1620 København V", "Man-fre 9-15, lør 10-13",
])
def test_ordinary_danish_text_passes(text):
    assert identity_kinds(text) == []


def _digits(n):
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


@st.composite
def cpr_numbers(draw):
    date, serial = draw(_digits(6)), draw(_digits(4))
    date_sep = draw(st.sampled_from(["", ".", "/", " ", *DASHES]))
    if date_sep:
        date = date_sep.join([date[0:2], date[2:4], date[4:6]])
    around = draw(st.sampled_from(["", *SPACES[:2]]))
    sep = draw(st.sampled_from(["", ".", "/", *DASHES]))
    if not sep and not around:
        around = draw(st.sampled_from(["", " ", "\u00a0"]))
    return f"{date}{around}{sep}{around}{serial}"


@settings(max_examples=400, deadline=None)
@given(before=separated_words, after=separated_words, cpr=cpr_numbers())
def test_any_cpr_number_in_any_style_is_found(before, after, cpr):
    assert "cpr" in identity_kinds(f"{before}{cpr}{after}")


def _groupings(total):
    """Every way to cut `total` digits into groups of 1-4."""
    if total == 0:
        return [[]]
    return [[size, *rest] for size in range(1, min(4, total) + 1) for rest in _groupings(total - size)]


GROUPINGS = _groupings(8)


def _grouped(digits, grouping, seps):
    parts, at = [], 0
    for size in grouping:
        parts.append(digits[at:at + size])
        at += size
    return "".join(part + (seps[i] if i < len(seps) else "") for i, part in enumerate(parts)).strip()


@st.composite
def phone_numbers(draw):
    digits = draw(_digits(8))
    grouping = draw(st.sampled_from(GROUPINGS))
    lead = draw(st.sampled_from(["", "tlf ", "Tlf. ", "tlf.: ", "mobil ", "ring ", "+45 ", "0045 ", "+45"]))
    if lead:
        # After a telling word or the country code, any separators in any grouping.
        seps = draw(st.lists(st.sampled_from(["", " ", ".", *DASHES]), min_size=len(grouping), max_size=len(grouping)))
    else:
        # Alone, spaces in any grouping but that of an amount (12 500 000), or pairs with one separator.
        if draw(st.booleans()):
            sep = draw(st.sampled_from([".", *DASHES]))
            grouping, seps = [2, 2, 2, 2], [sep] * 4
        else:
            assume_not_amount = grouping[0] <= 3 and all(size == 3 for size in grouping[1:]) and len(grouping) > 1
            if assume_not_amount:
                grouping = [3, 2, 3]
            seps = [draw(st.sampled_from(SPACES[:3])) for _ in grouping]
    return lead + _grouped(digits, grouping, seps)


@settings(max_examples=400, deadline=None)
@given(before=separated_words, after=separated_words, phone=phone_numbers())
def test_any_phone_number_in_any_style_is_found(before, after, phone):
    assert "phone" in identity_kinds(f"{before}{phone}{after}")


# Dates of this and the last century (a year "99" written alone is a two-digit year, as in a CPR number).
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def _thousands(n, sep):
    text = f"{n:,}"
    return text.replace(",", sep)


ordinary_pieces = st.one_of(
    # Amounts: thousands with dots or spaces, with or without øre and "kr".
    st.builds(lambda n, sep, ore, unit: f"{_thousands(n, sep)}{ore}{unit}",
              st.integers(min_value=0, max_value=10**12), st.sampled_from([".", " ", "\u00a0"]),
              st.sampled_from(["", ",00", ",50"]), st.sampled_from(["", " kr", " kr.", " DKK"])),
    st.builds(lambda n: f"kr. {n}", st.integers(min_value=0, max_value=9_999_999)),
    # Dates in the ways Danes write them, and spans of them.
    days.map(lambda d: d.strftime("%d.%m.%Y")),
    days.map(lambda d: f"{d.day}.{d.month}.{d.year}"),
    days.map(lambda d: d.isoformat()),
    days.map(lambda d: d.strftime("%d-%m-%Y")),
    days.map(lambda d: d.strftime("%d/%m/%Y")),
    st.tuples(days, days).map(lambda p: f"{p[0]:%d.%m.%Y}-{p[1]:%d.%m.%Y}"),
    st.tuples(days, days).map(lambda p: f"{p[0]:%d.%m.%y}\u2013{p[1]:%d.%m.%y}"),
    # Years and spans of years, times and spans of time.
    st.integers(min_value=1900, max_value=2100).map(str),
    st.integers(min_value=1900, max_value=2099).map(lambda y: f"{y}-{y + 1}"),
    st.integers(min_value=1900, max_value=2099).map(lambda y: f"{y}/{(y + 1) % 100:02d}"),
    st.tuples(st.integers(0, 23), st.integers(0, 59), st.integers(0, 23), st.integers(0, 59)).map(
        lambda t: f"kl. {t[0]:02d}.{t[1]:02d}-{t[2]:02d}.{t[3]:02d}"),
    # Course ids, card codes, budget accounts.
    st.from_regex(r"\A[A-Z]{3}-[0-9A-Z]{4}\Z"),
    st.from_regex(r"\A[0-9][A-Z]{2}-[A-Z]{3}\Z"),
    st.tuples(_digits(4), _digits(4)).map(lambda p: f"{p[0]}-{p[1]}"),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda p: f"BIU {p[0]}.{p[1]:02d}"),
    # Words.
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ", min_size=1, max_size=12),
)


# Not joined by a bare dash: "01.01.26 - 1400" has the very shape of a CPR number and is refused.
@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(ordinary_pieces, min_size=1, max_size=6),
       joiner=st.sampled_from([" og ", ", ", "; ", " til ", " i ", ": "]))
def test_ordinary_amounts_dates_years_and_ids_pass(pieces, joiner):
    assert identity_kinds(joiner.join(pieces)) == []
