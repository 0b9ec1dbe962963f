"""Database triggers that refuse UPDATE, DELETE and TRUNCATE on the city pass ledger, for anyone who
goes around the model (a console, a script). Installed by a migration when ``AUDIT_DB_TRIGGERS`` is
on, the same switch as the audit log's (the test settings turn it off: browser tests empty tables)."""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "citypass_ledgerentry"
MESSAGE = "the city pass ledger is append-only"
SQL = {
    "sqlite": [
        f"CREATE TRIGGER citypass_ledger_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        for verb in ("UPDATE", "DELETE")
    ],
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION citypass_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$""",
        f"""CREATE TRIGGER citypass_ledger_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {TABLE}
            FOR EACH STATEMENT EXECUTE FUNCTION citypass_ledger_append_only()""",
    ],
}


def install_triggers(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in SQL.get(connection.vendor, []):
            cursor.execute(sql)
