"""docs/deploy.md's nginx configuration logs no query string and no key of a citizen's link
(issue 14, point 7). nginx is not run here: the test reads the documented lines."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

DEPLOY = Path(settings.BASE_DIR) / "docs" / "deploy.md"
# nginx variables that carry the request's path or query as sent.
RAW = {"$request", "$request_uri", "$uri", "$document_uri", "$args", "$query_string", "$is_args",
       "$http_referer", "$request_body"}


def nginx_block() -> str:
    return DEPLOY.read_text().split("```nginx", 1)[1].split("```", 1)[0]


def test_the_access_log_format_holds_no_raw_path_or_query():
    block = nginx_block()
    formats = dict(re.findall(r"log_format\s+(\w+)\s+(.+?);", block, flags=re.S))
    used = re.findall(r"access_log\s+\S+\s+(\w+)\s*;", block)
    assert used and all(name in formats for name in used), "every access_log names a documented format"
    for name in used:
        variables = set(re.findall(r"\$\w+", formats[name]))
        assert not variables & RAW, f"log_format {name} logs {variables & RAW}"


def test_the_logged_path_hides_the_key_of_a_citizen_link():
    block = nginx_block()
    formats = dict(re.findall(r"log_format\s+(\w+)\s+(.+?);", block, flags=re.S))
    variable, body = re.search(r"map\s+\$uri\s+(\$\w+)\s*\{(.+?)\}", block, flags=re.S).groups()
    assert all(variable in fmt for fmt in formats.values())
    rules = re.findall(r"^\s*~(\S+)\s+(\S+);", body, flags=re.M)
    key = "abcdefghijklmnopqrstuvwxyz"
    path = reverse("who5_citizen", args=[key])
    logged = next((value for pattern, value in rules if re.search(pattern, path)), path)
    assert key not in logged
    assert reverse("course_list") == next((v for p, v in rules if re.search(p, reverse("course_list"))),
                                          reverse("course_list"))


def test_nginx_logs_no_error_lines_that_quote_the_request():
    assert re.search(r"error_log\s+\S+\s+crit;", nginx_block())
