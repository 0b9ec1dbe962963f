"""The monthly figures of early detection: aggregates only, never a person.

Signals received by partner type, picked up, residents reached, help accepted, the time from the
first signal to the first contact and the share within the statutory term, and the end results.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from django.db.models import Count, Q

from meedoen.signals.classify import SignalStatus
from meedoen.web.vroegsignalering.models import HELP_ACCEPTED, Eindresultaat, Signal, SignalCase


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def monthly_report(municipality: str, month: dt.date) -> dict[str, Any]:
    """The figures of the month holding ``month``."""
    first, last = month_bounds(month)
    signals = Signal.objects.filter(municipality=municipality, received_on__range=(first, last))
    picked = Q(status=SignalStatus.PICKED_UP)
    by_partner = {
        row["partner_type"]: {"received": row["n"], "picked_up": row["picked"]}
        for row in signals.values("partner_type")
        .annotate(n=Count("id"), picked=Count("id", filter=picked))
        .order_by("partner_type")
    }
    cases = SignalCase.objects.filter(municipality=municipality, opened_on__range=(first, last))
    contacted = list(
        cases.exclude(first_contact_on=None).values_list("first_signal_date", "first_contact_on", "deadline")
    )
    days = [(contact - signal).days for signal, contact, _ in contacted]
    within = sum(1 for _, contact, deadline in contacted if contact <= deadline)
    closed = SignalCase.objects.filter(municipality=municipality, closed_on__range=(first, last))
    results = dict(closed.values_list("result").annotate(n=Count("id")).order_by("result"))
    return {
        "month": first.strftime("%Y-%m"),
        "signals_received": signals.count(),
        "picked_up": signals.filter(status=SignalStatus.PICKED_UP).count(),
        "not_picked_up": {
            "onterecht": signals.filter(status=SignalStatus.ONTERECHT).count(),
            "herhaald": signals.filter(status=SignalStatus.HERHAALD).count(),
        },
        "by_partner_type": by_partner,
        "cases_opened": cases.count(),
        "reached": cases.filter(attempts__reached=True).distinct().count(),
        "help_accepted": closed.filter(result__in=HELP_ACCEPTED).count(),
        "first_contact_days_median": statistics.median(days) if days else None,
        "first_contact_within_term_share": round(within / len(contacted), 4) if contacted else None,
        "end_results": {Eindresultaat(code).label: n for code, n in results.items() if code},
    }
