"""Nothing that could identify a citizen or open a citizen's link reaches a log line (issue 14, point 7)."""

import io
import logging

import pytest
from django.urls import reverse

from brobygger.logfilter import redact

TOKEN = "abcdefghijklmnopqrstuvwxyz"
CPR = "010190-1234"
# Django's own request loggers, and ours.
LOGGERS = ("django.request", "django.server", "django", "brobygger.audit", "axes", "")


@pytest.fixture
def console():
    """What the handlers of settings.LOGGING (and Django's defaults) print, captured; not pytest's own."""
    handlers = {h for name in LOGGERS for h in logging.getLogger(name).handlers if type(h) is logging.StreamHandler}
    stream = io.StringIO()
    old = {h: h.setStream(stream) for h in handlers}
    yield stream
    for handler, previous in old.items():
        handler.setStream(previous)


@pytest.mark.parametrize("name", LOGGERS)
def test_no_log_line_prints_a_link_key_or_a_cpr_number(console, name):
    logger = logging.getLogger(name)
    logger.error('"%s %s HTTP/1.1" 200', "GET", f"/s/{TOKEN}/")
    logger.error("Search for %s", CPR)
    try:
        raise ValueError(f"bad value {CPR} at /s/{TOKEN}/")
    except ValueError:
        logger.exception("Internal Server Error: %s", f"/s/{TOKEN}/")
    printed = console.getvalue()
    assert '"GET /s/[link]/ HTTP/1.1" 200' in printed  # the line itself still reaches the console
    assert "Internal Server Error: /s/[link]/" in printed
    assert "Traceback" in printed  # the traceback too, without the line that held the CPR number
    assert TOKEN not in printed
    assert CPR not in printed


def test_the_redaction_knows_the_citizen_link_address():
    path = reverse("who5_citizen", args=[TOKEN])
    assert TOKEN in path
    assert TOKEN not in redact(f"Internal Server Error: {path}")


def test_a_line_without_anything_sensitive_is_kept_as_it_is():
    line = "audit view user=caseworker_a course=KBH-7QF3 status=200 at 2026-12-07"
    assert redact(line) == line
