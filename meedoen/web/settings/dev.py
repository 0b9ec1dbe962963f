"""Development: a local demo log-in, SQLite by default, readable errors."""

from meedoen.web.settings.base import *  # noqa: F403
from meedoen.web.settings.base import LOGIN_METHODS, env_list

DEBUG = True
SECRET_KEY = "dev-only-not-secret-" + "x" * 40
LOGIN_METHODS = env_list("MEEDOEN_LOGIN_METHODS", "demo,password") or LOGIN_METHODS

# Static files straight from the source folders; the SQLite file and uploads under DATA_DIR.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
