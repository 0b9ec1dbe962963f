"""The store behind ``meedoen signals ingest``: the web app's :class:`meedoen.signals.cli.SignalStore`.

The command itself lives in :mod:`meedoen.signals.cli`, which imports this module by its import string
only when an ingest runs. Django is set up here, not at import: the database comes from DATABASE_URL
and its schema is created when missing.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Any

from meedoen.signals.cli import IngestRequest, StoreRefused

if TYPE_CHECKING:
    from meedoen.signals.parsing import Parsed


def setup_django() -> None:
    """Configure Django for the command line and create the schema when it is missing."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedoen.web.settings.cli")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False, stdout=io.StringIO())


def store(parsed: Parsed, request: IngestRequest) -> dict[str, Any]:
    """Store one command-line delivery in one transaction; :class:`StoreRefused` when the database refuses."""
    setup_django()
    from django.db import DatabaseError

    from meedoen.web.vroegsignalering.models import Source
    from meedoen.web.vroegsignalering.storage import Delivery, ingest

    delivery = Delivery(
        request.municipality, request.today, request.threshold_cents, Source.CLI, request.filename
    )
    try:
        return ingest(parsed, delivery)
    except DatabaseError as exc:  # e.g. another ingest stored the same signal at the same moment
        raise StoreRefused(str(exc)) from exc
