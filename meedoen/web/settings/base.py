"""Settings shared by every environment; what differs per deployment comes from the environment."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

WEB_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = WEB_DIR.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in ("1", "true", "yes", "on")


# Data that is not code: SQLite database and uploaded documents, outside the web root.
DATA_DIR = Path(os.environ.get("MEEDOEN_DATA_DIR", REPO_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "mozilla_django_oidc",
    "meedoen.web.components",
    "meedoen.web.themes",
    "meedoen.web.accounts",
    "meedoen.web.audit",
    "meedoen.web.portal",
    "meedoen.web.applications",
    "meedoen.web.decisions",
    "meedoen.web.letters",
    "meedoen.web.objections",
    "meedoen.web.machtigingen",
    "meedoen.web.backoffice",
    "meedoen.web.casework",
    "meedoen.web.api",
    "meedoen.web.demo",
    "meedoen.web.citypass",
    "meedoen.web.vroegsignalering",
    "meedoen.web.queue",
    "meedoen.web.followup",
    "meedoen.web.changes",
    "meedoen.web.jobpays",
    "meedoen.web.work",
    "meedoen.web.ledger",
    "meedoen.web.rmt",
    "meedoen.web.youthfund",
    "meedoen.web.debthelp",
    "meedoen.web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "meedoen.web.components.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "meedoen.web.audit.middleware.no_store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "meedoen.web.machtigingen.namens.middleware",  # request.namens / request.resident (acting namens)
    "meedoen.web.machtigingen.namens.NotCoveredMiddleware",
    "meedoen.web.components.upload_limits.request_body_limit",  # before anything reads a body
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "meedoen.web.themes.embedding.frame_ancestors",  # last: sees the response first (its docstring)
]

ROOT_URLCONF = "meedoen.web.urls"
WSGI_APPLICATION = "meedoen.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "meedoen.web.components.context.site",
            ],
        },
    }
]
FORM_RENDERER = "meedoen.web.components.forms.UtrechtFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'meedoen.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The jobs of issue 21 item 5 (letters as PDF, the monitor report, large signal uploads, simulations).
JOB_TASK_MODULES = [
    "meedoen.web.letters.tasks",
    "meedoen.web.casework.report_jobs",
    "meedoen.web.vroegsignalering.upload_jobs",
    "meedoen.web.jobs.simulation",
]
# A signals delivery larger than this is stored and read by a job (the page shows its status).
SIGNALS_QUEUE_ABOVE_BYTES = int(os.environ.get("MEEDOEN_SIGNALS_QUEUE_ABOVE_BYTES", str(5 * 1024 * 1024)))
# Households in a simulation started from the web (empty: the municipality's own number).
SIMULATION_HOUSEHOLDS = int(os.environ.get("MEEDOEN_SIMULATION_HOUSEHOLDS") or 0) or None
# Background work (meedoen/web/queue): procrastinate on PostgreSQL (a worker process runs the jobs);
# on SQLite, which procrastinate cannot use, each job runs at once in the request's process.
MEEDOEN_QUEUE = os.environ.get("MEEDOEN_QUEUE") or (
    "procrastinate" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "inline"
)
if MEEDOEN_QUEUE == "procrastinate":
    INSTALLED_APPS.append("procrastinate.contrib.django")
    PROCRASTINATE_IMPORT_PATHS = [
        "meedoen.web.queue.tasks",
        "meedoen.web.followup.tasks",
        *JOB_TASK_MODULES,
    ]

# Mail (a check result by e-mail, the follow-up question): SMTP where MEEDOEN_EMAIL_HOST is set,
# otherwise printed on the console (the demo).
EMAIL_HOST = os.environ.get("MEEDOEN_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("MEEDOEN_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("MEEDOEN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MEEDOEN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MEEDOEN_EMAIL_TLS", False)
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("MEEDOEN_FROM_EMAIL", "Meedoen <noreply@meedoen.example>")
# The public address of the site, for links in mail (the follow-up form).
SITE_URL = os.environ.get("MEEDOEN_SITE_URL", "http://127.0.0.1:8000")
# Days after a check result by e-mail that the follow-up question goes out (opt-in).
FOLLOWUP_AFTER_DAYS = int(os.environ.get("MEEDOEN_FOLLOWUP_AFTER_DAYS", "14"))
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# static/nlds/ is built from npm packages by frontend/build.mjs; static/meedoen/ is our own layout.
STATICFILES_DIRS = [WEB_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded evidence: never under STATIC_ROOT and never served by URL; only through an authorised view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("MEEDOEN_PRIVATE_MEDIA_ROOT", DATA_DIR / "uploads"))
UPLOAD_MAX_BYTES = int(os.environ.get("MEEDOEN_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# Issue 16, item 10: at most this many documents per application (draft or sent), and the largest body
# a form with files may send: UPLOAD_MAX_BYTES per file the page takes (the signals delivery:
# SIGNALS_UPLOAD_MAX_BYTES) plus a margin for the fields, refused on Content-Length before the body is
# read (meedoen/web/components/upload_limits.py).
UPLOAD_MAX_DOCUMENTS = int(os.environ.get("MEEDOEN_UPLOAD_MAX_DOCUMENTS", "20"))
UPLOAD_FORM_MARGIN_BYTES = 256 * 1024
SIGNALS_UPLOAD_MAX_BYTES = int(os.environ.get("MEEDOEN_SIGNALS_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after-login"
LOGOUT_REDIRECT_URL = "portal:home"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "meedoen.web.components.views.csrf_failure"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "meedoen.web.accounts.backends.DemoDigiDBackend",  # refuses unless LOGIN_METHODS has "demo"
]

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated; default
# none: the client is REMOTE_ADDR). One definition of the client address for the API rate limit,
# django-axes and the audit log: meedoen/web/audit/address.py.
TRUSTED_PROXIES = env_list("MEEDOEN_TRUSTED_PROXIES", "")

# django-axes: lock out after repeated failed log-ins (per client address and user name together, so a
# stranger's wrong passwords never lock the account for its owner on another address).
AXES_FAILURE_LIMIT = int(os.environ.get("MEEDOEN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "meedoen.web.accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "meedoen.web.audit.address.client_address"

# Log-in methods offered on the log-in page, in this order: "oidc" (DigiD via an OIDC broker),
# "demo" (a made-up BSN, development only) and "password" (staff).
LOGIN_METHODS = env_list("MEEDOEN_LOGIN_METHODS", "oidc,password")

# OpenID Connect (mozilla-django-oidc): DigiD is reached through a broker (e.g. Signicat, Keycloak).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid")
OIDC_BSN_CLAIM = os.environ.get("OIDC_BSN_CLAIM", "bsn")
if "oidc" in LOGIN_METHODS and OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("meedoen.web.accounts.oidc.DigiDBackend")

# The municipality this deployment serves, and the rate limit of the public calculation API.
MUNICIPALITY = os.environ.get("MEEDOEN_MUNICIPALITY", "nijmegen")

# The Regelingencheck embedded in the municipality's own site (meedoen/web/themes/embedding.py): the
# origins that may frame the check pages (e.g. "https://www.nijmegen.nl"; none by default), and which
# pages those are. Every other page keeps frame-ancestors 'none' and X-Frame-Options DENY.
EMBED_FRAME_ANCESTORS = env_list("MEEDOEN_EMBED_FRAME_ANCESTORS", "")
EMBED_PATHS = env_list("MEEDOEN_EMBED_PATHS", "/regelingencheck/")
for _origin in EMBED_FRAME_ANCESTORS:
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:\d{1,5})?", _origin):
        raise ImproperlyConfigured(f"MEEDOEN_EMBED_FRAME_ANCESTORS: {_origin!r} is not an https origin")
API_RATE = os.environ.get("MEEDOEN_API_RATE", "60/m")
# Sign-up attempts (a provider's registration) per client address.
SIGNUP_RATE = os.environ.get("MEEDOEN_SIGNUP_RATE", "10/h")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Database triggers that keep the audit log append-only (see meedoen/web/audit/append_only.py).
AUDIT_DB_TRIGGERS = True
