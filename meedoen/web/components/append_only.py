"""Append-only tables: rows are added, never changed or removed (the audit log, the city pass ledger).

One mechanism at two levels, so a mistake is corrected by a new row and the trace of what happened
stays:

- in Django, :class:`AppendOnlyModel` refuses ``save()`` of a stored row and ``delete()``, and its
  manager's queryset refuses ``update()`` and ``delete()``;
- in the database, :func:`install_triggers` adds triggers that refuse UPDATE and DELETE (and
  TRUNCATE on PostgreSQL) for anyone who goes around the model (a console, a script). A migration
  installs them when ``AUDIT_DB_TRIGGERS`` is on; the test settings turn it off because Django's
  test runner empties every table between browser tests, and a test installs them on its own.

A table declares itself once with an :class:`AppendOnly` (its table, trigger prefix and message);
the model, its migration and the database grants (``meedoen.web.audit.grants``) all read that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, NoReturn

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper


class AppendOnlyError(Exception):
    """A row of an append-only table cannot be changed or removed."""


@dataclass(frozen=True)
class AppendOnly:
    """One append-only table: the names its triggers get and the message both levels give."""

    table: str
    prefix: str  # trigger names: <prefix>_no_update, <prefix>_append_only ...; kept stable once installed
    message: str

    def sql(self, vendor: str) -> list[str]:
        """The statements that install the triggers on ``vendor`` (none for a database without them)."""
        if vendor == "sqlite":
            return [
                f"CREATE TRIGGER {self.prefix}_no_{verb.lower()} BEFORE {verb} ON {self.table} "
                f"BEGIN SELECT RAISE(ABORT, '{self.message}'); END"
                for verb in ("UPDATE", "DELETE")
            ]
        if vendor == "postgresql":
            function = f"{self.prefix}_append_only"
            return [
                f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN RAISE EXCEPTION '{self.message}'; END $$",
                f"CREATE TRIGGER {function} BEFORE UPDATE OR DELETE OR TRUNCATE ON {self.table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            ]
        return []

    def install_triggers(self, connection: BaseDatabaseWrapper) -> None:
        with connection.cursor() as cursor:
            for statement in self.sql(connection.vendor):
                cursor.execute(statement)


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes are refused the way a single row's are."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(self.model.append_only.message)

    def delete(self) -> NoReturn:
        raise AppendOnlyError(self.model.append_only.message)


class AppendOnlyModel(models.Model):
    """A model whose rows are only ever added; set ``append_only`` to the table's :class:`AppendOnly`."""

    append_only: ClassVar[AppendOnly]

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError(self.append_only.message)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(self.append_only.message)


def protected_tables() -> tuple[str, ...]:
    """Every installed model's append-only table (the database grants give these SELECT and INSERT only)."""
    from django.apps import apps

    return tuple(sorted(m.append_only.table for m in apps.get_models() if issubclass(m, AppendOnlyModel)))
