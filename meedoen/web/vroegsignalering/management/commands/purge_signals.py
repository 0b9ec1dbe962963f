"""Delete early-detection signals and cases without follow-up after the retention term."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from meedoen.web.vroegsignalering.retention import DEFAULT_MONTHS, purge


class Command(BaseCommand):
    help = "Delete signals and closed cases without follow-up, by default 12 months after closing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--months", type=int, default=DEFAULT_MONTHS, help="retention term in months")
        parser.add_argument("--today", help="the day to count from (default: today)")
        parser.add_argument("--municipality", default=settings.MUNICIPALITY)
        parser.add_argument("--dry-run", action="store_true", help="only report what would be deleted")

    def handle(
        self, *args, months: int, today: str | None, municipality: str, dry_run: bool, **options
    ) -> None:
        if months < 1:
            raise CommandError("--months must be at least 1")
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today: expected a date like 2026-01-31, got {today!r}") from None
        purged = purge(municipality, day, months, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {len(purged.cases)} cases, {purged.signals} signals and {purged.ingests} deliveries"
            + (f"; case ids: {', '.join(map(str, purged.cases))}" if purged.cases else "")
        )
