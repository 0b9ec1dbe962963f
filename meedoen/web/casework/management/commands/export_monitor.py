"""``manage.py export_monitor DIR``: the case work as the monitor's four CSV tables."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from meedoen.web.casework.monitor_export import write_tables


class Command(BaseCommand):
    help = (
        "Write persons.csv, spells.csv, instruments.csv and debt_help.csv (shared/contracts/monitor-data.md) "
        "to DIR, for `meedoen monitor kpis DIR` and `meedoen monitor report DIR`. Pseudonymous: no BSN."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", metavar="DIR", type=Path)

    def handle(self, *args, folder: Path, **options) -> None:
        for name, n in write_tables(folder).items():
            self.stdout.write(f"{folder / name}: {n} rows")
