"""The case work as the monitor's four tables (``shared/contracts/monitor-data.md``).

``person_id`` is always ``person_key(bsn)``, never a BSN. Debt help comes from pluggable sources:
this app's own trajectories, plus whatever another installed app appends to ``DEBT_HELP_SOURCES``
(the early-detection app offers the ``vroegsignalering`` ones). A source's person who has no case
here is added to ``persons`` from the row itself, as the contract asks.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from meedoen.reporting import safe_csv
from meedoen.web.casework.models import BenefitSpell, Client, DebtHelp, Instrument
from meedoen.web.components.pseudonym import person_key

COLUMNS = {
    "persons": ("person_id", "birth_date", "area", "startkwalificatie"),
    "spells": ("spell_id", "person_id", "start_date", "end_date", "outflow_reason"),
    "instruments": ("person_id", "instrument", "start_date", "end_date"),
    "debt_help": ("person_id", "start_date", "end_date", "route"),
}
Rows = dict[str, list[dict[str, str]]]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DebtHelpRow:
    """One debt-help trajectory as a source offers it; ``area`` and ``birth_date`` are only used
    when the person has no case in the case work."""

    bsn: str
    birth_date: dt.date | None  # None: not known to the source (e.g. a signal with only a BSN)
    area: str
    start_date: dt.date
    end_date: dt.date | None
    route: str  # vroegsignalering, self_referral, referral or other


DebtHelpSource = Callable[[], Iterable[DebtHelpRow]]


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _client_key(client: Client) -> str:
    return person_key(client.resident.bsn or f"client-{client.pk}")


def casework_debt_help() -> Iterable[DebtHelpRow]:
    """This app's own trajectories (routes self_referral, referral and other)."""
    for d in DebtHelp.objects.select_related("client__resident", "client__team"):
        c = d.client
        yield DebtHelpRow(
            c.resident.bsn or f"client-{c.pk}", c.birth_date, c.team.name, d.start_date, d.end_date, d.route
        )


# Other apps append their source here (e.g. in their AppConfig.ready); each is called once per export.
DEBT_HELP_SOURCES: list[DebtHelpSource] = [casework_debt_help]


def register_debt_help_source(source: DebtHelpSource) -> DebtHelpSource:
    """Add ``source`` once (usable as a decorator)."""
    if source not in DEBT_HELP_SOURCES:
        DEBT_HELP_SOURCES.append(source)
    return source


def monitor_rows(sources: Iterable[DebtHelpSource] | None = None) -> Rows:
    """The four tables as rows of text, in the contract's columns."""
    clients = Client.objects.select_related("resident", "team").order_by("pk")
    keys = {c.pk: _client_key(c) for c in clients}
    persons = {
        keys[c.pk]: {
            "person_id": keys[c.pk],
            "birth_date": _day(c.birth_date),
            "area": c.team.name,
            "startkwalificatie": "" if c.startkwalificatie is None else str(c.startkwalificatie).lower(),
        }
        for c in clients
    }
    spells = [
        {
            "spell_id": f"S{s.pk}",
            "person_id": keys[s.client_id],
            "start_date": _day(s.start_date),
            "end_date": _day(s.end_date),
            "outflow_reason": s.outflow_reason,
        }
        for s in BenefitSpell.objects.order_by("pk")
    ]
    instruments = [
        {
            "person_id": keys[i.client_id],
            "instrument": i.kind,
            "start_date": _day(i.start_date),
            "end_date": _day(i.end_date),
        }
        for i in Instrument.objects.order_by("pk")
    ]
    debt_help = []
    for source in DEBT_HELP_SOURCES if sources is None else sources:
        for row in source():
            key = person_key(row.bsn)
            if key not in persons and row.birth_date is None:
                # persons.csv needs a birth date; the BRP link of a deployment supplies it
                log.warning("debt help of a person without case or birth date left out of the export")
                continue
            persons.setdefault(
                key,
                {
                    "person_id": key,
                    "birth_date": _day(row.birth_date),
                    "area": row.area,
                    "startkwalificatie": "",
                },
            )
            debt_help.append(
                {
                    "person_id": key,
                    "start_date": _day(row.start_date),
                    "end_date": _day(row.end_date),
                    "route": row.route,
                }
            )
    return {
        "persons": list(persons.values()),
        "spells": spells,
        "instruments": instruments,
        "debt_help": debt_help,
    }


def write_tables(folder: Path, rows: Rows | None = None) -> dict[str, int]:
    """Write ``persons.csv``, ``spells.csv``, ``instruments.csv`` and ``debt_help.csv``; rows per file."""
    rows = monitor_rows() if rows is None else rows
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in COLUMNS.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = safe_csv.dict_writer(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows[name])
    return {f"{name}.csv": len(rows[name]) for name in COLUMNS}
