"""Text typed or pasted into Brobygger: no control characters.

Control characters are invisible: they arrive with pasted text (Word's line break is a
vertical tab, \\x0b; a terminal's colours start with ESC, \\x1b) and the person typing cannot
see them, let alone remove them. So they are taken out rather than refused: a line break
of any kind becomes a line break where the field has lines (a text area) and a space where
it has one line; every other control character is dropped. Exports and XML-based files
(Excel, PDF) then never meet them.
"""

import re

# Line breaks of every kind: CR LF, CR, vertical tab (Word's manual line break), form feed,
# the file/group/record separators, NEL, and Unicode's line and paragraph separators.
LINE_BREAKS_RE = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Every other control character (C0, DEL, C1) except tab and newline, and what no text holds on
# purpose (lone surrogates from a JSON file's escapes, the noncharacters U+FFFE and U+FFFF).
CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
ONE_LINE_RE = re.compile("[\t\n]")


def clean_control_characters(value: str, *, multiline: bool = False) -> str:
    """`value` without control characters: line breaks kept (as \\n) only if `multiline`, tabs too."""
    value = CONTROL_RE.sub("", LINE_BREAKS_RE.sub("\n", value))
    return value if multiline else ONE_LINE_RE.sub(" ", value)
