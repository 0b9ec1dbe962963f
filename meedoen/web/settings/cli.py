"""The ``meedoen`` command line's Django: the development settings without DEBUG.

DEBUG would keep every SQL statement in memory; an ingest of a million signals runs many. The
database is still chosen by DATABASE_URL (default: the embedded SQLite file).
"""

from meedoen.web.settings.dev import *  # noqa: F403

DEBUG = False
