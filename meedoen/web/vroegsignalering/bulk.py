"""Fast inserts for large deliveries: COPY on PostgreSQL, plain ``executemany`` on SQLite.

A million signals must be stored within the bench's minute; the ORM's ``bulk_create`` spends most
of that time building model instances and SQL, so a frame's rows go to the database as CSV or tuples.
"""

from __future__ import annotations

import polars as pl
from django.db import connection, models

BATCH = 5000
COPY_BATCH = 100_000


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def next_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys, never used before (call inside the writing transaction)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: AUTOINCREMENT keeps the highest id ever used in sqlite_sequence.
        cursor.execute(
            f"SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM {table} "
            "UNION ALL SELECT seq FROM sqlite_sequence WHERE name = %s)",
            [table],
        )
        start = (cursor.fetchone()[0] or 0) + 1
    return list(range(start, start + count))


def insert(model: type[models.Model], frame: pl.DataFrame) -> None:
    """Insert a frame's rows; its columns are the model's attnames (``case_id``), in any order."""
    table = model._meta.db_table
    columns = ", ".join(model._meta.get_field(name).column for name in frame.columns)
    with connection.cursor() as cursor:
        if is_postgres():
            sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:
                for start in range(0, frame.height, COPY_BATCH):
                    # CSV keeps "" (empty text) apart from an empty field (NULL)
                    copy.write(frame.slice(start, COPY_BATCH).write_csv(include_header=False))
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * frame.width)})"
        for start in range(0, frame.height, BATCH):
            cursor.executemany(sql, frame.slice(start, BATCH).iter_rows())
