"""Load a month of made-up signals for the demo city, and the signals team's demo log-ins.

Idempotent: the signals have fixed ids, so loading again stores nothing new.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from meedoen.signals.classify import Classified
from meedoen.signals.parsing import COLUMNS, parse_records
from meedoen.signals.synthetic import synthetic_signals
from meedoen.signals.thresholds import threshold_cents
from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.vroegsignalering.models import Source
from meedoen.web.vroegsignalering.storage import Delivery, ingest

PASSWORD = "demo-Meedoen-2026"
STAFF = [
    ("vroegsignaleerder", "Fatima", "Benali", Role.OUTREACH_WORKER, "Wijkteam Oost"),
    ("vroegsignaleerder.west", "Joris", "Peters", Role.OUTREACH_WORKER, "Wijkteam West"),
    ("teamleider.vs", "Ingrid", "Hermans", Role.SIGNALS_LEAD, None),
    ("schuldhulppartner", "Sanne", "de Boer", Role.DEBT_PARTNER, None),
]
SIGNALS_PER_MONTH = 300


class Command(BaseCommand):
    help = "Load a month of demo signals for settings.MUNICIPALITY (only with DEBUG, or --force)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="also without DEBUG (never in production)")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Demo data has known passwords: only with DEBUG, or with --force.")
        teams = AreaTeam.objects.filter(municipality=settings.MUNICIPALITY)
        for username, first, last, role, team in STAFF:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "role": role,
                    "team": teams.filter(name=team).first(),
                },
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
        summary = load_month(timezone.localdate())
        self.stdout.write(
            f"Vroegsignalering: {summary['stored']} demo-signalen, {summary['cases_opened']} nieuwe zaken."
        )
        self.stdout.write(f"  Medewerkers vroegsignalering (wachtwoord {PASSWORD}):")
        for username, first, last, role, team in STAFF:
            self.stdout.write(f"    {username}: {first} {last}, {role.label}{f', {team}' if team else ''}")


def load_month(today: dt.date) -> dict:
    """The 30 days up to ``today`` of signals in the demo teams' postcode areas."""
    teams = AreaTeam.objects.filter(municipality=settings.MUNICIPALITY)
    areas = sorted({p.strip() for t in teams for p in t.postcode_prefixes.split(",") if p.strip()}) or [
        "6521"
    ]
    signals = synthetic_signals(SIGNALS_PER_MONTH, today - dt.timedelta(days=30), today, areas, seed=2026)
    records = [list(COLUMNS), *([row.get(c, "") for c in COLUMNS] for row in signals)]
    parsed = parse_records(records, today)
    if not parsed.rows:  # pragma: no cover - the generator makes valid rows
        return Classified.nothing([]).summary()
    delivery = Delivery(
        settings.MUNICIPALITY, today, threshold_cents(settings.MUNICIPALITY, today), Source.CLI, "demo"
    )
    return ingest(parsed, delivery)
