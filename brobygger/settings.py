"""Brobygger settings: one file, read from the environment by strict helpers.

Production defaults are the safe ones; `DEBUG=1` (the demo, `make run`) relaxes
only what a laptop needs.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

_DEMO_SECRET_KEY = "demo-only-insecure-key-never-used-in-production-0123456789"  # nosec B105  # refused below unless DEBUG is on
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEMO_SECRET_KEY
elif SECRET_KEY == _DEMO_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("The demo SECRET_KEY may only be used with DEBUG on.")
# Old keys still verify sessions and tokens while the new one takes over (docs/deploy.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "brobygger",
    "accounts",
    "projects",
    "courses",
    "wellbeing",
    "outcomes",
    "outreach",
    "knowledge",
    "directory",
    "exchange",
    "reports",
    "budget",
    "signin",
    "audit",
    "rights",
    "exports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "brobygger.middleware.DanishByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "signin.middleware.SessionLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "audit.middleware.AccessLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "brobygger.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "brobygger.urls"
WSGI_APPLICATION = "brobygger.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "brobygger.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps 2 MB of the file in memory by default: a report over 100,000 courses then reads
    # the same pages from the operating system again and again. 64 MB per connection.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA cache_size = -65536"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# In the database, so every server process shares it: the WHO-5 link's limit on failed
# look-ups must hold across gunicorn's workers (wellbeing/ratelimit.py). The table is made by
# a wellbeing migration.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "brobygger_cache"}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Failed sign-ins (passwords and codes) slow down one account from one address (signin/lockout.py):
# the first SIGNIN_FREE_FAILURES are free, then it waits SIGNIN_FIRST_DELAY_SECONDS, twice that
# after the next failure, and so on up to SIGNIN_LONGEST_DELAY_SECONDS.
SIGNIN_FREE_FAILURES = env_int("SIGNIN_FREE_FAILURES", 5)
SIGNIN_FIRST_DELAY_SECONDS = env_int("SIGNIN_FIRST_DELAY_SECONDS", 60)
SIGNIN_LONGEST_DELAY_SECONDS = env_int("SIGNIN_LONGEST_DELAY_SECONDS", 15 * 60)
# Keys that encrypt the TOTP secrets in the database (signin/crypto.py): Fernet keys, comma-separated,
# newest first. Required with DEBUG off (check --deploy says so); the demo derives one from SECRET_KEY.
TOTP_ENCRYPTION_KEYS = env_list("TOTP_ENCRYPTION_KEYS", [])
# How many proxies (nginx) stand before gunicorn and add to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# At least 12 characters, checked against common passwords; no composition rules
# and no forced rotation (NIST SP 800-63B, as the Danish guidance follows).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.UserNameNotInPasswordValidator"},
]

# Sessions end after 30 minutes idle (renewed on every request).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# ... and 12 hours after sign-in however active (signin.middleware.SessionLimitsMiddleware).
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
# `__Host-`: the browser keeps the cookie only if it is Secure, for path / and has no domain, so no
# subdomain and no plain-http page can plant or overwrite it. Browsers drop such a cookie when it is
# not Secure, so the demo over http (DEBUG) keeps Django's plain names.
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_NAME = "__Host-django_language" if LANGUAGE_COOKIE_SECURE else "django_language"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# nginx terminates TLS and says so in this header (docs/deploy.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere: every script is a static file.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# Each app keeps its own Danish catalogue (app/locale/da); listing them lets makemessages
# put every string into the catalogue of the app it is written in.
LOCALE_PATHS = [BASE_DIR / config.split(".")[0] / "locale" for config in INSTALLED_APPS if "." not in config]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["brobygger.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# One handler, and every line through brobygger.logfilter (no link key, no identifying text).
# Django's own loggers are pointed at it too: by default "django" and "django.server" write
# through handlers of their own (runserver prints each request's path, a 500 its path).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "brobygger.logfilter.RedactFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# The access log is kept this many days, then deleted by `manage.py prune_audit_log` (cron).
# The database itself refuses to delete entries younger than 180 days (audit migrations).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 2 * 365)

# Break-glass: how many hours a caseworker's emergency access to a course outside their scope lasts
# (courses/access.py). Long enough for a night's emergency, short enough to end with it.
BREAK_GLASS_HOURS = env_int("BREAK_GLASS_HOURS", 4)

# An export's download link (and an export still waiting for approval) lasts this many hours;
# then the file is deleted (`manage.py expire_exports`, cron, and on the next visit).
EXPORT_LINK_HOURS = env_int("EXPORT_LINK_HOURS", 72)
if EXPORT_LINK_HOURS < 1:
    raise ImproperlyConfigured("EXPORT_LINK_HOURS must be at least 1")

# Demo users (seed_demo) may sign in without a second factor only on a DEBUG server.
DEMO_MODE = DEBUG and env_bool("DEMO_MODE", True)
FORM_RENDERER = "brobygger.forms.DKFDSRenderer"
