"""Nothing that could identify a citizen or open a citizen's link reaches a log line.

`RedactFilter` sits on every handler in settings.LOGGING, so Django's own lines (a 500's
"Internal Server Error: <path>", runserver's request lines) and every app's pass through it:
the key of a one-time WHO-5 link is cut out of any path, and a line holding a CPR number,
phone number or e-mail address (brobygger.identity, the one check) is withheld, in the
message and in its traceback.
"""

import logging
import re

from .identity import identity_problems

# The citizen's one-time link is /s/<key>/ (wellbeing/urls.py, checked by
# brobygger/tests/test_logfilter.py): the key alone opens the questionnaire.
CITIZEN_LINK = re.compile(r"/s/[^/\s\"'?#]+")
LINK = "/s/[link]"
WITHHELD = "[log line withheld: it held text that could identify someone]"


def redact(text: str) -> str:
    """`text` fit for a log: no link key, and no line that holds identifying text.

    Line by line, so one suspicious line of a traceback does not take the rest with it.
    """
    lines = CITIZEN_LINK.sub(LINK, text).split("\n")
    return "\n".join(WITHHELD if identity_problems(line) else line for line in lines)


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: let the handler report it as it always does
            return True
        safe = redact(message)
        if safe != message:
            record.msg, record.args = safe, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        # Django attaches the request to its error records; a handler that reads it (an e-mail
        # to the administrators) would print the path and the posted data again.
        if hasattr(record, "request"):
            record.request = None
        return True
