"""Debt help (schulddienstverlening) started from a case, and its rows for the monitor.

The monitor's ``debt_help`` table (shared/contracts/monitor-data.md) gets one row per trajectory
with route ``vroegsignalering``; ``person_id`` is the deployment's pseudonymous key, never a BSN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction

from meedoen.web.accounts.models import AreaTeam
from meedoen.web.casework.monitor_export import DebtHelpRow
from meedoen.web.vroegsignalering.models import DebtHelp, Eindresultaat, SignalCase

ROUTE = "vroegsignalering"


def known_bsn(case: SignalCase) -> str:
    """The BSN the case's signals give (the most recent one), or ``""``."""
    return case.signals.exclude(bsn="").order_by("-signal_date").values_list("bsn", flat=True).first() or ""


def start_debt_help(case: SignalCase, bsn: str, first_conversation_on: dt.date) -> DebtHelp:
    """Open a trajectory and close the case as "Vervolghulp en/of verwijzing financieel"."""
    with transaction.atomic():
        help_ = DebtHelp.objects.create(case=case, bsn=bsn, first_conversation_on=first_conversation_on)
        if case.is_open:
            case.status, case.result, case.closed_on = (
                "closed",
                Eindresultaat.VERVOLG_FINANCIEEL,
                first_conversation_on,
            )
        if case.first_contact_on is None or first_conversation_on < case.first_contact_on:
            case.first_contact_on = first_conversation_on
        case.save()
    return help_


def debt_help_rows() -> Iterator[DebtHelpRow]:
    """The trajectories for the monitor's ``debt_help`` table (route ``vroegsignalering``), as a
    source of the case work's export; the area is the team of the case's address."""
    trajectories = DebtHelp.objects.exclude(bsn="").select_related("case").order_by("id")
    for t in trajectories.iterator():
        birth = (
            t.case.signals.filter(bsn=t.bsn)
            .exclude(birth_date=None)
            .values_list("birth_date", flat=True)
            .first()
        )
        team = AreaTeam.for_postcode(t.case.municipality, t.case.postcode)
        yield DebtHelpRow(
            t.bsn, birth, team.name if team else "onbekend", t.first_conversation_on, t.end_date, ROUTE
        )
