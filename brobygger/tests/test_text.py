"""Control characters are taken out of typed and loaded text (issue 14.2)."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brobygger.text import clean_control_characters


@pytest.mark.parametrize(("typed", "one_line", "lines"), [
    ("Reden\x0bVesterbro", "Reden Vesterbro", "Reden\nVesterbro"),        # Word's line break
    ("H17\x1b[31m", "H17[31m", "H17[31m"),                                # ESC of a terminal colour
    ("Bip\x07", "Bip", "Bip"),
    ("a\r\nb\rc", "a b c", "a\nb\nc"),
    ("a\tb", "a b", "a\tb"),
    ("a\u2028b\x85c", "a b c", "a\nb\nc"),
    ("nul\x00\x7f\x9f", "nul", "nul"),
    ("Sår og fødder – 12.500 kr", "Sår og fødder – 12.500 kr", "Sår og fødder – 12.500 kr"),
])
def test_control_characters_become_breaks_or_go(typed, one_line, lines):
    assert clean_control_characters(typed) == one_line
    assert clean_control_characters(typed, multiline=True) == lines


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_no_control_character_is_left_but_tab_and_newline_in_lines(text):
    one_line = clean_control_characters(text)
    lines = clean_control_characters(text, multiline=True)
    assert not [c for c in one_line if unicodedata.category(c) in ("Cc", "Cs") or c in "\u2028\u2029"]
    assert not [c for c in lines if unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), max_size=200))
def test_text_without_control_characters_is_left_as_it_is(text):
    assert clean_control_characters(text) == text
    assert clean_control_characters(text, multiline=True) == text
