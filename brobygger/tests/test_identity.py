"""Free text never holds a CPR number, a phone number or an e-mail address."""

import time

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


@pytest.mark.parametrize("text", [
    "a" * 100_000,                    # a long word and no "@": quadratic for a naive e-mail pattern
    "a." * 50_000 + "@",
    "a@" * 50_000,
    "a@" + "b" * 100_000,
    "1 " * 50_000,
    "+1" * 50_000,
    "12 " * 35_000,
    "x-" * 50_000 + "@",
])
def test_checks_run_in_linear_time_on_long_pathological_text(text):
    started = time.perf_counter()
    identity_kinds(text)
    assert time.perf_counter() - started < 1.0


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
def test_any_text_is_checked_quickly_without_error(text):
    started = time.perf_counter()
    identity_kinds(text)
    assert time.perf_counter() - started < 0.5
