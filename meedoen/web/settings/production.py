"""Production: PostgreSQL from DATABASE_URL, HTTPS only, secrets from the environment, no demo log-in."""

import os

from django.core.exceptions import ImproperlyConfigured

from meedoen.web.settings.base import *  # noqa: F403
from meedoen.web.settings.base import LOGIN_METHODS, env_bool

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
if "demo" in LOGIN_METHODS:
    raise ImproperlyConfigured("The demo log-in must never be offered in production.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# One cache shared by every worker, so rate limits hold across processes (`manage.py createcachetable`).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "meedoen_cache"}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("DJANGO_LOG_LEVEL", "INFO")  # noqa: F405
