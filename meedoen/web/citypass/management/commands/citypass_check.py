"""``manage.py citypass_check``: exit 1 when a balance differs from its ledger (for monitoring/cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from meedoen.web.citypass.consistency import problems
from meedoen.web.citypass.models import Budget, LedgerEntry


class Command(BaseCommand):
    help = "Check that every city pass balance equals the sum of its ledger entries."

    def handle(self, *args, **options) -> None:
        found = problems()
        for problem in found:
            self.stderr.write(problem)
        if found:
            raise CommandError(f"{len(found)} problem(s) in the city pass ledger")
        self.stdout.write(
            f"OK: {Budget.objects.count()} budgets, {LedgerEntry.objects.count()} ledger entries agree."
        )
