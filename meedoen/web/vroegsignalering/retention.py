"""Retention: signals and cases without follow-up are deleted a set term after closing.

A closed case without debt help, with its signals, attempts and notes, goes ``months`` after it
closed; a signal that was not picked up (no case) goes ``months`` after it was received. What is
deleted is logged (ids and counts, no personal data), so the deletion itself can be accounted for.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction

from meedoen.web.vroegsignalering.models import CaseStatus, Ingest, Signal, SignalCase

DEFAULT_MONTHS = 12
log = logging.getLogger("meedoen.vroegsignalering.retention")


@dataclass(frozen=True)
class Purged:
    cases: list[int]
    signals: int
    ingests: int


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def purge(municipality: str, today: dt.date, months: int = DEFAULT_MONTHS, dry_run: bool = False) -> Purged:
    """Delete what has passed the term on ``today``; ``dry_run`` only reports it."""
    cutoff = months_before(today, months)
    cases = SignalCase.objects.filter(
        municipality=municipality, status=CaseStatus.CLOSED, closed_on__lt=cutoff, debt_help__isnull=True
    )
    loose = Signal.objects.filter(municipality=municipality, case__isnull=True, received_on__lt=cutoff)
    ingests = Ingest.objects.filter(municipality=municipality, today__lt=cutoff)
    case_ids = sorted(cases.values_list("id", flat=True))
    result = Purged(
        case_ids, loose.count() + Signal.objects.filter(case_id__in=case_ids).count(), ingests.count()
    )
    if not dry_run:
        with transaction.atomic():
            loose.delete()
            SignalCase.objects.filter(id__in=case_ids).delete()  # signals, attempts and notes cascade
            ingests.delete()
        log.warning(
            "retention %s: deleted %d cases (ids %s), %d signals, %d deliveries closed/received before %s",
            municipality, len(case_ids), case_ids, result.signals, result.ingests, cutoff,
        )  # fmt: skip
    return result
