"""``manage.py ledger_check``: every ledger (the city pass's and the funds'); exit 1 when a balance
differs from its entries (for monitoring/cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from meedoen.web.citypass import consistency as citypass
from meedoen.web.citypass.models import Budget
from meedoen.web.ledger import consistency as funds
from meedoen.web.ledger.models import Account, Entry


class Command(BaseCommand):
    help = "Check that every budget (city pass, transitievouchers, youth fund) equals its ledger."

    def handle(self, *args, **options) -> None:
        found = citypass.problems() + funds.problems()
        for problem in found:
            self.stderr.write(problem)
        if found:
            raise CommandError(f"{len(found)} problem(s) in the ledgers")
        self.stdout.write(
            f"OK: {Budget.objects.count()} city pass budgets, {Account.objects.count()} fund budgets "
            f"and {Entry.objects.count()} fund entries agree."
        )
