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


# The rule written out character by character, from Unicode's categories rather than the
# module's ranges: a line break of any kind (CR LF counts as one) is a break, tab and newline
# stay where the text has lines, every other control character (Cc), lone surrogate (Cs) and the
# noncharacters U+FFFE and U+FFFF go; everything else is kept as it is.
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def cleaned_by_hand(text, *, multiline):
    out = []
    for c in text.replace("\r\n", "\n"):
        if c in BREAKS:
            out.append("\n" if multiline else " ")
        elif c == "\t":
            out.append("\t" if multiline else " ")
        elif unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff":
            out.append(c)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_no_control_character_is_left_but_tab_and_newline_in_lines(text):
    assert clean_control_characters(text) == cleaned_by_hand(text, multiline=False)
    assert clean_control_characters(text, multiline=True) == cleaned_by_hand(text, multiline=True)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), max_size=200))
def test_text_without_control_characters_is_left_as_it_is(text):
    assert clean_control_characters(text) == text
    assert clean_control_characters(text, multiline=True) == text
