"""``manage.py load_demo_casework``: the demo caseload (called by ``load_demo``; idempotent)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.casework.demo import load_caseload
from meedoen.web.demo.management.commands.load_demo import PASSWORD

# Teams of the demo (load_demo.TEAMS) and their consultants; Centrum gets its own.
CONSULTANTS = {
    "Wijkteam Oost": "consulent",
    "Wijkteam West": "consulent.west",
    "Wijkteam Centrum": "consulent.centrum",
}


class Command(BaseCommand):
    help = (
        "Load the demo caseload for the demo's area teams (run load_demo first). Only with DEBUG or --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="also without DEBUG (never in production)")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Demo data has known passwords: only with DEBUG, or with --force.")
        teams = {team: None for team in AreaTeam.objects.filter(name__in=CONSULTANTS).order_by("name")}
        if not teams:
            raise CommandError("The demo's area teams are missing: run load_demo first.")
        for team in teams:
            username = CONSULTANTS[team.name]
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": "Sem",
                    "last_name": "de Groot",
                    "role": Role.CONSULTANT,
                    "team": team,
                },
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
            teams[team] = user
        n = load_caseload(teams, dt.date.today())
        if n:
            self.stdout.write(
                f"Klantbegeleiding: {n} klanten in {len(teams)} wijkteams (consulent.centrum: Sem de Groot)."
            )
