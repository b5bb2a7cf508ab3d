"""Settings, read from the environment (12-factor). Without DATABASE_URL, an embedded SQLite file is used."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("TEILHABE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Use TEILHABE_SECRET_KEY; otherwise a random key kept in var/ so sessions survive restarts."""
    if key := os.environ.get("TEILHABE_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("TEILHABE_DEBUG", False)
ALLOWED_HOSTS = os.environ.get("TEILHABE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TEILHABE_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",  # login throttling (teilhabe.core.throttling)
    "csp",
    "ninja",  # serves Swagger UI for /api/v1/docs from its own static files, not a CDN
    "django_tasks",  # background tasks (Django 5.2 backport of django.tasks); checks the TASKS setting
    "django_tasks_db",  # the database queue and its worker, `teilhabe db_worker` (app label django_tasks_database)
    "teilhabe.core",
    "teilhabe.search",
    "teilhabe.translations",
    "teilhabe.moderation",
    "teilhabe.plans",
    "teilhabe.calendar",
    "teilhabe.pages",
    "teilhabe.directory",
    "teilhabe.monitoring",
    "teilhabe.reporting",
    "teilhabe.participation",
    "teilhabe.backoffice",
    "teilhabe.portal",
    "teilhabe.api",
    "teilhabe.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "teilhabe.core.middleware.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "teilhabe.core.tenancy.MunicipalityMiddleware",
    "teilhabe.portal.middleware.PortalLanguageMiddleware",  # after the municipality is known
    "axes.middleware.AxesMiddleware",  # turns a locked login into the lockout page; last, as axes asks
]

ROOT_URLCONF = "teilhabe.urls"
WSGI_APPLICATION = "teilhabe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "teilhabe.core.context_processors.tenant",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'teilhabe.sqlite3'}",
        conn_max_age=int(os.environ.get("TEILHABE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a command work on the file at the same time.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "teilhabe.core.throttling.LoginThrottleBackend",  # refuses locked logins before the password check
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # a member's back office, a chooser for several, the platform for admins
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# LANGUAGES are the staff interface's languages (back office, login, platform). The public portal's interface
# is also translated into the languages with a catalogue in locale/ that covers at least this share (per
# cent) of the portal's messages (teilhabe.core.catalogues); see docs/translations.md.
PORTAL_TRANSLATION_THRESHOLD = float(os.environ.get("TEILHABE_PORTAL_TRANSLATION_THRESHOLD", "95"))
FORMAT_MODULE_PATH = ["teilhabe.formats"]  # dates "16. März 2027" / "16 March 2027"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/kern", BASE_DIR / "node_modules/@kern-ux/native/dist"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
    # Monitoring charts (templates/monitoring/_chart.html): one Vega-Lite spec, drawn by vega-embed.
    ("vendor/vega", BASE_DIR / "node_modules/vega/build"),
    ("vendor/vega-lite", BASE_DIR / "node_modules/vega-lite/build"),
    ("vendor/vega-embed", BASE_DIR / "node_modules/vega-embed/build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# Uploads: imports are read in memory and checked; anything larger is refused before parsing.
TEILHABE_MAX_UPLOAD_BYTES = int(os.environ.get("TEILHABE_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = TEILHABE_MAX_UPLOAD_BYTES
# Attachments of a report (PDF, images): per file; a report holds at most ten.
TEILHABE_REPORT_ATTACHMENT_MAX_BYTES = int(os.environ.get("TEILHABE_REPORT_ATTACHMENT_MAX_BYTES",
                                                          str(10 * 1024 * 1024)))
# Videos of the portal's pages (Gebärdensprache): per file, checked by content, served with range requests.
TEILHABE_PAGE_VIDEO_MAX_BYTES = int(os.environ.get("TEILHABE_PAGE_VIDEO_MAX_BYTES", str(200 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get("TEILHABE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("TEILHABE_FROM_EMAIL", "teilhabe@localhost")
# The site's public address, for links in mails sent without a request (reminders, review notices).
TEILHABE_BASE_URL = os.environ.get("TEILHABE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_HOST = os.environ.get("TEILHABE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("TEILHABE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("TEILHABE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TEILHABE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("TEILHABE_EMAIL_TLS", False)

# Open data of the monitoring (docs/open-data.md): the licence of every published indicator, as the URI of the
# DCAT-AP.de licence vocabulary and its name; the GovData contributor ids (dcatde:contributorID, comma-separated
# URIs) the DCAT-AP.de catalogue names, if the municipality has registered one.
TEILHABE_OPEN_DATA_LICENSE = os.environ.get("TEILHABE_OPEN_DATA_LICENSE", "http://dcat-ap.de/def/licenses/dl-by-de/2.0")
TEILHABE_OPEN_DATA_LICENSE_NAME = os.environ.get("TEILHABE_OPEN_DATA_LICENSE_NAME",
                                                 "Datenlizenz Deutschland – Namensnennung – Version 2.0")
TEILHABE_DCAT_CONTRIBUTOR_IDS = [u for u in os.environ.get("TEILHABE_DCAT_CONTRIBUTOR_IDS", "").split(",") if u]

# Importing organisations' calendars (docs/event-import.md): a feed is fetched from its address only with
# TEILHABE_FEEDS_FETCH=1 (no outbound calls unless configured); uploaded .ics files work without it.
TEILHABE_FEEDS_FETCH = _env_bool("TEILHABE_FEEDS_FETCH", False)
TEILHABE_FEEDS_TIMEOUT = float(os.environ.get("TEILHABE_FEEDS_TIMEOUT", "10"))  # seconds: connect, each read
TEILHABE_FEEDS_MAX_BYTES = int(os.environ.get("TEILHABE_FEEDS_MAX_BYTES", str(5 * 1024 * 1024)))
TEILHABE_FEEDS_ALLOW_PRIVATE = _env_bool("TEILHABE_FEEDS_ALLOW_PRIVATE", False)  # feeds in internal networks

# Background work (documents, mail, reminders) runs as tasks (django-tasks). "database" (the default) queues
# them in the database for the worker, `teilhabe db_worker`, which `make run` starts next to the server and
# production runs as a service of its own; "immediate" runs each task at once, inside the request that
# enqueues it (small installations without a worker). Any other value is a backend's dotted path.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("TEILHABE_TASKS_BACKEND", "database")
if _tasks_backend not in TASK_BACKENDS and "." not in _tasks_backend:
    raise ImproperlyConfigured(
        f"TEILHABE_TASKS_BACKEND={_tasks_backend!r}: expected one of {', '.join(TASK_BACKENDS)} or a dotted path"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_tasks_backend, _tasks_backend)}}

# Staff sessions end TEILHABE_SESSION_HOURS after the last change to the session (login, a message, …),
# not after Django's two weeks: a forgotten login on an office computer does not stay open for long.
SESSION_COOKIE_AGE = int(float(os.environ.get("TEILHABE_SESSION_HOURS", "10")) * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_bool("TEILHABE_SECURE_COOKIES", False)
# HSTS: off by default (a test installation on plain HTTP must not be pinned to HTTPS). Django sends it only
# on HTTPS requests, so behind a TLS-terminating proxy set TEILHABE_PROXY_COUNT as well.
SECURE_HSTS_SECONDS = int(os.environ.get("TEILHABE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("TEILHABE_HSTS_INCLUDE_SUBDOMAINS", False)

# Reverse proxies in front of Teilhabe (nginx: 1). With them, the client's address is taken from
# X-Forwarded-For (for login throttling) and HTTPS from X-Forwarded-Proto; the proxy must set both headers
# itself (docs/operations.md). Without, REMOTE_ADDR is the client and requests are HTTPS only if they are.
TEILHABE_PROXY_COUNT = int(os.environ.get("TEILHABE_PROXY_COUNT", "0"))
if TEILHABE_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login throttling with django-axes; the policy is explained in teilhabe.core.throttling.
TEILHABE_LOGIN_FAILURE_LIMIT = int(os.environ.get("TEILHABE_LOGIN_FAILURE_LIMIT", "10"))
TEILHABE_LOGIN_COOLOFF_MINUTES = int(os.environ.get("TEILHABE_LOGIN_COOLOFF_MINUTES", "15"))
TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT", "100"))
TEILHABE_PASSWORD_RESET_LIMIT = int(os.environ.get("TEILHABE_PASSWORD_RESET_LIMIT", "5"))  # per hour
AXES_FAILURE_LIMIT = TEILHABE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=TEILHABE_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a successful login clears that account's failures from that address
AXES_LOCKOUT_CALLABLE = "teilhabe.core.throttling.lockout_response"  # German page, status 429
AXES_CLIENT_IP_CALLABLE = "teilhabe.core.throttling.client_address"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not recorded: failures are what matters (DSGVO)
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure, for platform administrators (Django admin)
AXES_VERBOSE = False
# axes keeps its records in the database (AxesDatabaseHandler): shared by every server process.

# The cache holds the password-reset counters (teilhabe.core.throttling). In memory it is per process: with
# several server processes (gunicorn --workers) set TEILHABE_CACHE_DIR to a folder all of them share.
if cache_dir := os.environ.get("TEILHABE_CACHE_DIR"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": cache_dir}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "teilhabe"}}

# Every asset is served by Teilhabe itself: no CDN, no external fonts, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # 403 and 404 are logged as one line each, without a traceback; server errors keep theirs.
    "filters": {"no_4xx_traceback": {"()": "teilhabe.core.log.NoTracebackForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["no_4xx_traceback"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("TEILHABE_LOG_LEVEL", "WARNING")},
}

# Serve assets straight from the app's folders and node_modules as well, so a fresh checkout works
# without a collectstatic step; production runs collectstatic (docs/operations.md).
WHITENOISE_USE_FINDERS = True
