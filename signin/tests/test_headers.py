"""Headers on every page of the access matrix, and Django's deployment check with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.test_access_matrix import PAGES

ROOT = Path(__file__).resolve().parents[2]


def first_allowed(page):
    # (The second project's people, in the access matrix's world only, sort after the first project's.)
    return sorted(page.allowed)[0] if page.allowed else None


@pytest.mark.parametrize("page", [p for p in PAGES if p.method == "get"], ids=str)
def test_every_page_has_a_strict_csp_and_is_never_cached(page, world, client):
    role = first_allowed(page)
    if role:
        client.force_login(world.users[role])
    response = client.get(reverse(page.name, kwargs=page.kwargs(world)) + page.query)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_sign_in_pages_have_the_headers_too(client):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_check_deploy_passes_with_production_settings():
    env = {
        **os.environ, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "brobygger.example.dk",
        "DJANGO_SETTINGS_MODULE": "brobygger.settings",
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser fixtures, never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_cookies_and_hsts():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(60), "DJANGO_SETTINGS_MODULE": "brobygger.settings"}
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        env.pop(name, None)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SECURE_SSL_REDIRECT, s.DEMO_MODE)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False"], result.stderr


def test_tampered_session_cookie_is_refused_without_an_error(client, world, settings):
    client.force_login(world.users["caseworker_a"])
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32 + "tampered"
    response = client.get(reverse("course_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_post_without_csrf_token_is_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["caseworker_a"])
    response = client.post(reverse("signin_sign_out_everywhere"))
    assert response.status_code == 403


def test_over_long_fields_are_refused_without_an_error(client, world):
    response = client.post(reverse("login"), {"username": "a" * 10_000, "password": "b" * 10_000})
    assert response.status_code == 200
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("audit_log"), {"course": "K" * 5000, "date_from": "not a date"}).status_code == 200
    assert client.post(reverse("rights_home"), {"code": "Z" * 5000}).status_code == 200


def settings_values(*names, **env_vars):
    env = {**os.environ, "SECRET_KEY": secrets.token_urlsafe(60), "DJANGO_SETTINGS_MODULE": "brobygger.settings",
           **env_vars}
    env.pop("SECURE_SSL_REDIRECT", None)
    code = "import django; django.setup(); from django.conf import settings as s; " + "; ".join(
        f"print(s.{name})" for name in names)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    return result.stdout.split("\n")[:len(names)]


def test_production_cookies_carry_the_host_prefix():
    """`__Host-`: the browser keeps such a cookie only if Secure, for path / and without a domain, so
    neither a subdomain nor a plain-http page can set or overwrite it."""
    assert settings_values("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
                           "SESSION_COOKIE_DOMAIN", "CSRF_COOKIE_DOMAIN", "SESSION_COOKIE_PATH", "CSRF_COOKIE_PATH",
                           "LANGUAGE_COOKIE_NAME", "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_DOMAIN",
                           "LANGUAGE_COOKIE_PATH", DEBUG="0") == [
        "__Host-sessionid", "__Host-csrftoken", "True", "True", "None", "None", "/", "/",
        "__Host-django_language", "True", "None", "/"]


def test_the_demo_server_over_http_keeps_plain_cookie_names():
    # A browser drops a __Host- cookie that is not Secure, and the demo runs on http://127.0.0.1.
    assert settings_values("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SECURE", DEBUG="1") == [
        "sessionid", "csrftoken", "False"]
