"""The production grant set on PostgreSQL (issue 16, item 9; docs/operations.md).

Two roles: the **owner** owns the schema and every table and runs the migrations (only then is its
password used); the **app** role is what gunicorn connects with. The app may read and write the
application's tables but on the audit log only SELECT and INSERT. Not owning the table, it cannot
``ALTER TABLE ... DISABLE TRIGGER``, drop the append-only triggers, TRUNCATE, UPDATE or DELETE: a
compromised app can add entries but never remove the trace of what it did.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

from meedoen.web.components.append_only import protected_tables


def _quote(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain role or table name: {name!r}")
    return f'"{name}"'


def grant_statements(app_role: str, tables: list[str], schema: str = "public") -> list[str]:
    """SQL for the owner to run after every ``migrate``: the app role's rights on today's tables."""
    app, ns = _quote(app_role), _quote(schema)
    statements = [
        f"GRANT USAGE ON SCHEMA {ns} TO {app}",
        f"REVOKE CREATE ON SCHEMA {ns} FROM PUBLIC",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {ns} FROM {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {ns} TO {app}",
    ]
    # Tables the app may only append to (and read): every AppendOnlyModel's, the ones with the triggers.
    append_only = protected_tables()
    for table in sorted(tables):
        rights = "SELECT, INSERT" if table in append_only else "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {rights} ON {ns}.{_quote(table)} TO {app}")
    return statements


def current_tables(connection: BaseDatabaseWrapper) -> list[str]:
    return [t for t in connection.introspection.table_names() if not t.startswith("pg_")]
