"""Tests: fast hashing, locmem cache, a throwaway upload folder; DATABASE_URL picks PostgreSQL."""

import tempfile
from pathlib import Path

from meedoen.web.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_METHODS = ["demo", "password"]
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="meedoen-uploads-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="meedoen-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
API_RATE = "100000/m"
SIGNUP_RATE = "100000/h"
# The test runner empties tables between browser tests; tests/web/test_audit.py installs them itself.
AUDIT_DB_TRIGGERS = False
