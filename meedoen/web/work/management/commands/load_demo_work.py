"""``manage.py load_demo_work``: the Werkgeversservicepunt's demo (called by ``load_demo``; idempotent).

An employer with the log-in ``werkgever`` (in production employees log in with eHerkenning through the
OIDC broker; see docs/web.md), two vacancies, candidate profiles for the first clients of Wijkteam
Oost, one proposal waiting for consent, and one maatwerkbaan so the council's page has a row.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meedoen.web.accounts.models import Role, User
from meedoen.web.casework.models import Client
from meedoen.web.demo.management.commands.load_demo import PASSWORD
from meedoen.web.work.models import CandidateProfile, Employer, Proposal, Vacancy
from meedoen.web.work.placing import place

PROFILES = [  # skills, certificates, hours, place, travel km, language level, needs loonwaarde
    ("magazijn, orderpicken", ["vca", "heftruck"], 32, "Nijmegen", 25, "B1", False),
    ("schoonmaak, groenonderhoud", ["vca"], 24, "Nijmegen", 10, "A2", True),
    ("klantcontact, kassa", [], 20, "Wijchen", 15, "B2", False),
    ("magazijn", [], 36, "Berg en Dal", 30, "A2", True),
]


class Command(BaseCommand):
    help = "Load the Werkgeversservicepunt demo (run load_demo first). Only with DEBUG or --force."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="also without DEBUG (never in production)")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Demo data has known passwords: only with DEBUG, or with --force.")
        if Employer.objects.exists():
            return
        account, created = User.objects.get_or_create(
            username="werkgever",
            defaults={"first_name": "Joost", "last_name": "Verhoeven", "role": Role.EMPLOYER},
        )
        if created:
            account.set_password(PASSWORD)
            account.save()
        employer = Employer.objects.create(name="Logistiek Gelderland BV", kvk_number="12345678")
        employer.accounts.add(account)
        warehouse = Vacancy.objects.create(
            employer=employer,
            title="Magazijnmedewerker",
            description="Orders verzamelen en klaarzetten in ons distributiecentrum.",
            hours_per_week=32,
            place="Nijmegen",
            certificates=["vca", "heftruck"],
            language_level="A2",
            loonwaarde_possible=True,
            banenafspraak=True,
            skills="magazijn, orderpicken",
        )
        Vacancy.objects.create(
            employer=employer,
            title="Medewerker groen",
            hours_per_week=24,
            place="Nijmegen",
            certificates=["vca"],
            loonwaarde_possible=True,
            skills="groenonderhoud",
        )
        oost = Client.objects.filter(team__name="Wijkteam Oost", spells__end_date=None).order_by("pk")
        clients = list(oost.distinct()[: len(PROFILES)])
        profiles = [
            CandidateProfile.objects.create(
                client=client,
                skills=skills,
                certificates=certs,
                hours_per_week=hours,
                place=place_name,
                travel_km=km,
                language_level=level,
                needs_loonwaarde=loonwaarde,
            )
            for client, (skills, certs, hours, place_name, km, level, loonwaarde) in zip(
                clients, PROFILES, strict=False
            )
        ]
        consultant = User.objects.filter(username="consulent").first()
        if len(profiles) >= 2:
            Proposal.objects.create(vacancy=warehouse, candidate=profiles[0], proposed_by=consultant)
            groen = Proposal.objects.create(
                vacancy=warehouse,
                candidate=profiles[1],
                proposed_by=consultant,
                answer=Proposal.Answer.INVITE,
                consent_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
                consent_recorded_by=consultant,
            )
            place(
                groen,
                by=consultant,
                kind="maatwerkbaan",
                start_date=dt.date(2026, 2, 1),
                wage_gross_month_cents=180000,
                banenafspraak=True,
                loonwaarde_percent=55,
                wage_subsidy_month_cents=81000,
                coaching_month_cents=12000,
            )
        self.stdout.write(f"Werkgeversservicepunt: 1 werkgever (werkgever), {len(profiles)} kandidaten.")
