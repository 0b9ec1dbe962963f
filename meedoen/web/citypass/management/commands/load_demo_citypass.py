"""Demo data for the city pass (idempotent): a pass officer, providers with offers (one still waiting
for approval), and a few bookings on the pass of the demo resident whose Meedoen-regeling was
granted automatically by ``load_demo``, so the resident, provider and figures pages show something."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError

from meedoen.web.accounts.models import Role
from meedoen.web.citypass import redemption
from meedoen.web.citypass.budgets import Category
from meedoen.web.citypass.models import Area, LedgerEntry, Pass, Provider
from meedoen.web.demo.management.commands import load_demo

PROVIDERS = [
    # username, name, KvK, district, address, approved, offers (name, category, cents, min age, max age)
    (
        "zwembad",
        "Zwembad De Dolfijn",
        "40000001",
        Area.DUKENBURG,
        "Meijhorst 60-01, Nijmegen",
        True,
        [
            ("Zwemabonnement 3 maanden", Category.SPORT, 7500, 0, 120),
            ("Aquarobics (10 lessen)", Category.SPORT, 5500, 18, 120),
            ("Zwemdiploma A", Category.SCHOOL, 14000, 4, 12),
        ],
    ),
    (
        "muziekschool",
        "Muziekschool De Lindenberg",
        "40000002",
        Area.CENTRUM,
        "Ridderstraat 23, Nijmegen",
        True,
        [
            ("Gitaarles (10 lessen)", Category.CULTURE, 12000, 8, 120),
            ("Koor voor volwassenen", Category.CULTURE, 4500, 18, 120),
        ],
    ),
    (
        "buurthuis",
        "Buurthuis De Schakel",
        "40000003",
        Area.OOST,
        "Dommer van Poldersveldtweg 1, Nijmegen",
        False,
        [("Kookcafe (5 avonden)", Category.MEETING, 2500, 16, 120)],
    ),
]
OFFICER = ("stadspas", "Noor", "Bakker")
DEMO_BOOKINGS = [("Zwemabonnement 3 maanden", 7500), ("Koor voor volwassenen", 4500)]


class Command(load_demo.Command):
    """Users are made as in ``load_demo`` (same password, same ``_user``)."""

    help = "Load the city pass demo (idempotent); called at the end of load_demo."

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Demo data has known passwords: only with DEBUG, or with --force.")
        username, first, last = OFFICER
        self._user(username, first_name=first, last_name=last, role=Role.PASS_OFFICER)
        providers = [self._provider(*row) for row in PROVIDERS]
        self._bookings(providers)
        self.stdout.write("  Stadspas (Inloggen > Inloggen voor medewerkers, zelfde wachtwoord):")
        self.stdout.write(f"    {username}: {first} {last}, {Role.PASS_OFFICER.label}")
        for row in PROVIDERS:
            state = "goedgekeurd" if row[5] else "wacht op goedkeuring"
            self.stdout.write(f"    {row[0]}: aanbieder {row[1]} ({state})")

    def _provider(self, username, name, kvk, area, address, approved, offers) -> Provider:
        provider, created = Provider.objects.get_or_create(
            kvk_number=kvk,
            defaults={
                "name": name,
                "area": area,
                "address": address,
                "email": f"{username}@example.org",
                "iban": "NL91ABNA0417164300",
                "municipality": settings.MUNICIPALITY,
                "status": Provider.Status.APPROVED if approved else Provider.Status.PENDING,
            },
        )
        if created:
            provider.users.add(self._user(username, first_name=name, role=Role.PROVIDER))
            for offer, category, cents, low, high in offers:
                provider.offers.create(
                    name=offer, category=category, price_cents=cents, min_age=low, max_age=high
                )
        return provider

    def _bookings(self, providers: list[Provider]) -> None:
        """Two bookings on the first demo pass with a budget, once: the figures are not empty."""
        card = Pass.objects.filter(status=Pass.Status.ACTIVE, budgets__isnull=False).order_by("id").first()
        if card is None or LedgerEntry.objects.filter(kind=LedgerEntry.Kind.REDEMPTION).exists():
            return
        for offer_name, cents in DEMO_BOOKINGS:
            provider = next(p for p in providers if p.offers.filter(name=offer_name).exists())
            try:
                redemption.book(provider, card.number, provider.offers.get(name=offer_name).pk, cents)
            except redemption.Refused as refusal:
                self.stderr.write(f"Demo booking refused: {refusal}")
