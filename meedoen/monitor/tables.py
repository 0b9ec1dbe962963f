"""The four input tables of the monitor contract: their columns, allowed values and loaded form.

The specs here are the contract's tables written as data, so the checks in ``checks`` and the
documentation cannot drift apart. Every loaded table also has ``person_key``, the key its rows are
joined to their person by (``meedoen.monitor.keys``).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

OUTFLOW_REASONS = ("work", "study", "moved", "partner_income", "other")
INSTRUMENTS = (
    "loonkostensubsidie",
    "jobcoaching",
    "proefplaatsing",
    "scholing",
    "startkwalificatie_traject",
    "beschut_werk",
    "activerend_werk",
    "maatwerkbaan",
)
ROUTES = ("vroegsignalering", "self_referral", "referral", "other")
GENDERS = ("v", "m", "x")


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is ``text``, ``date``, ``choice`` (one of ``choices``) or ``bool``.
    ``required``: every row has a value; ``may_be_absent``: the file may leave the column out."""

    name: str
    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    may_be_absent: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One table of the contract; ``key`` must be unique, ``dated`` tables have start/end dates."""

    name: str
    columns: tuple[Column, ...]
    key: str | None = None
    refers_to_person: bool = True
    dated: bool = True

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


PERSONS = TableSpec(
    "persons",
    (
        Column("person_id"),
        Column("birth_date", "date"),
        Column("area"),
        Column("startkwalificatie", "bool", required=False),
        Column("gender", "choice", required=False, choices=GENDERS, may_be_absent=True),
    ),
    key="person_id",
    refers_to_person=False,
    dated=False,
)
SPELLS = TableSpec(
    "spells",
    (
        Column("spell_id"),
        Column("person_id"),
        Column("start_date", "date"),
        Column("end_date", "date", required=False),
        Column("outflow_reason", "choice", required=False, choices=OUTFLOW_REASONS),
    ),
    key="spell_id",
)
INSTRUMENTS_SPEC = TableSpec(
    "instruments",
    (
        Column("person_id"),
        Column("instrument", "choice", choices=INSTRUMENTS),
        Column("start_date", "date"),
        Column("end_date", "date", required=False),
    ),
)
DEBT_HELP = TableSpec(
    "debt_help",
    (
        Column("person_id"),
        Column("start_date", "date"),
        Column("end_date", "date", required=False),
        Column("route", "choice", choices=ROUTES),
    ),
)
SPECS = (PERSONS, SPELLS, INSTRUMENTS_SPEC, DEBT_HELP)


@dataclass(frozen=True)
class Tables:
    """The checked tables, typed (dates as ``pl.Date``, ``startkwalificatie`` as nullable bool).

    Each has the contract's columns plus ``person_key``; every ``person_id`` is in ``persons``.
    """

    persons: pl.DataFrame
    spells: pl.DataFrame
    instruments: pl.DataFrame
    debt_help: pl.DataFrame

    @property
    def areas(self) -> list[str]:
        """Every area in ``persons``, sorted: ``by_area`` lists each, also when its counts are 0."""
        return sorted(self.persons["area"].unique().to_list())
