"""Keys over millions of rows: uniqueness, membership and joins by 64-bit hash, checked exactly.

Hashing strings into hash tables is the slow part of checking a national table (ten million spell
ids, four million persons). Sorting 64-bit hashes of the ids is several times faster, and equal ids
always have equal hashes, so:

- a duplicate is looked for among equal hashes only, and confirmed on the ids themselves;
- an id whose hash is not among the persons' hashes is certainly unknown;
- a person is joined by ``person_key``, the hash of ``person_id``, when no two persons share a hash
  (checked at load); otherwise ``person_key`` is the id itself and nothing changes but the speed.

What remains is an unknown id whose hash happens to equal a known person's (about 1 in 10^12 per
unknown id for four million persons): such a row would pass the check. The KPIs join every row they
count on the key and refuse a row that finds no person.
"""

from __future__ import annotations

import polars as pl


def _repeated_in_sorted(ordered: pl.Series) -> pl.Series:
    """The values of a sorted series that occur more than once."""
    later = ordered.slice(1)
    return later.filter(later == ordered.slice(0, max(len(ordered) - 1, 0)))


def _repeated(hashes: pl.Series) -> pl.Series:
    """The hashes that occur more than once (sorting is cheaper than a hash table here)."""
    return _repeated_in_sorted(hashes.sort())


def first_occurrence(values: pl.Series) -> pl.Series:
    """``values.is_first_distinct()``, computed on sorted hashes and confirmed on the values."""
    n = len(values)
    hashes = values.hash()
    repeated = _repeated(hashes)
    if repeated.is_empty():
        return pl.Series(values.name, [True] * n, dtype=pl.Boolean)
    suspect = hashes.is_in(repeated.unique().implode())
    exact = values.filter(suspect).is_first_distinct()
    return pl.Series(values.name, [True] * n, dtype=pl.Boolean).scatter(suspect.arg_true(), exact)


def sorted_hashes(values: pl.Series) -> pl.Series:
    """The hashes of ``values``, sorted: the reference side of ``contained``, made once per table."""
    return values.hash().sort()


def contained(values: pl.Series, known: pl.Series) -> pl.Series:
    """Per value: is its hash among ``known`` (from ``sorted_hashes``)? False means certainly absent."""
    n = len(values)
    if known.is_empty():
        return pl.Series(values.name, [False] * n, dtype=pl.Boolean)
    hashes = values.hash()
    ordered = hashes.sort()
    found = known.gather(known.search_sorted(ordered).clip(0, len(known) - 1)) == ordered
    if found.all():
        return pl.Series(values.name, [True] * n, dtype=pl.Boolean)
    return ~hashes.is_in(ordered.filter(~found).unique().implode())


def person_key(known: pl.Series) -> pl.Expr:
    """``person_key`` for every table: the hash of ``person_id``, or the id when two persons share a hash.

    ``known`` are the persons' sorted hashes (``sorted_hashes``); the persons' ids are unique by then.
    """
    if _repeated_in_sorted(known).is_empty():
        return pl.col("person_id").hash().alias("person_key")
    return pl.col("person_id").alias("person_key")
