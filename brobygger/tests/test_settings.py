"""Settings come from the environment; production defaults are the safe ones."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOWN = ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
         "SECURE_HSTS_SECONDS", "DATABASES", "LANGUAGE_CODE", "DEMO_MODE"]


def load_settings(**env):
    """The settings module as a fresh process sees it with exactly `env` (plus PATH)."""
    code = (
        "import json, brobygger.settings as s; "
        f"print(json.dumps({{k: getattr(s, k) for k in {SHOWN!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
        env={"PATH": os.environ.get("PATH", ""), **env},
    )
    if result.returncode:
        return result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_secret_key():
    assert "SECRET_KEY must be set when DEBUG is off" in load_settings()


def test_production_refuses_the_demo_key():
    from brobygger.settings import _DEMO_SECRET_KEY

    assert "demo SECRET_KEY may only be used with DEBUG on" in load_settings(SECRET_KEY=_DEMO_SECRET_KEY)


def test_production_defaults_are_safe():
    s = load_settings(SECRET_KEY="a-real-key-" + "x" * 40)
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == []
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["DEMO_MODE"] is False
    assert s["LANGUAGE_CODE"] == "da"


def test_debug_uses_the_demo_key_and_local_hosts():
    from brobygger.settings import _DEMO_SECRET_KEY

    s = load_settings(DEBUG="1")
    assert s["DEBUG"] is True
    assert s["SECRET_KEY"] == _DEMO_SECRET_KEY
    assert "127.0.0.1" in s["ALLOWED_HOSTS"]
    assert s["DEMO_MODE"] is True


def test_database_url_chooses_the_database():
    s = load_settings(DEBUG="1", DATABASE_URL="postgres://bb:pw@db.example:5432/brobygger")
    db = s["DATABASES"]["default"]
    assert (db["ENGINE"], db["HOST"], db["NAME"]) == ("django.db.backends.postgresql", "db.example", "brobygger")
    default = load_settings(DEBUG="1")["DATABASES"]["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"].endswith("db.sqlite3")


def test_allowed_hosts_is_a_comma_separated_list():
    s = load_settings(SECRET_KEY="k" * 50, ALLOWED_HOSTS="brobygger.example, www.brobygger.example")
    assert s["ALLOWED_HOSTS"] == ["brobygger.example", "www.brobygger.example"]


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_wrong_boolean_is_refused_not_guessed(value):
    assert "DEBUG must be a boolean" in load_settings(DEBUG=value, SECRET_KEY="k" * 50)
