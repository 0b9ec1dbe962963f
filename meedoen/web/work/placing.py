"""A placement and the instruments it uses, in one transaction (the page and the demo use this)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from meedoen.web.accounts.models import User
from meedoen.web.casework.models import Instrument, InstrumentKind
from meedoen.web.work.models import Placement, PlacementKind, Proposal


def place(
    proposal: Proposal,
    *,
    by: User | None,
    kind: str,
    start_date: dt.date,
    wage_gross_month_cents: int,
    banenafspraak: bool = False,
    loonwaarde_percent: int | None = None,
    wage_subsidy_month_cents: int | None = None,
    coaching_month_cents: int | None = None,
    proefplaatsing: bool = False,
) -> Placement:
    """Record the placement and write each instrument as a case-work ``Instrument`` of the client, so
    the monitor export counts it: loonkostensubsidie when a subsidy is given, jobcoaching when coaching
    is paid, a proefplaatsing, and the maatwerkbaan itself."""
    client = proposal.candidate.client
    with transaction.atomic():
        placement = Placement.objects.create(
            proposal=proposal,
            kind=kind,
            start_date=start_date,
            wage_gross_month_cents=wage_gross_month_cents,
            banenafspraak=banenafspraak,
            loonwaarde_percent=loonwaarde_percent,
            wage_subsidy_month_cents=wage_subsidy_month_cents or 0,
            coaching_month_cents=coaching_month_cents or 0,
            created_by=by,
        )
        kinds = [
            (wage_subsidy_month_cents is not None, InstrumentKind.LOONKOSTENSUBSIDIE),
            (coaching_month_cents is not None, InstrumentKind.JOBCOACHING),
            (proefplaatsing, InstrumentKind.PROEFPLAATSING),
            (kind == PlacementKind.MAATWERKBAAN, InstrumentKind.MAATWERKBAAN),
        ]
        placement.instruments.set(
            [
                Instrument.objects.create(client=client, kind=instrument, start_date=start_date)
                for chosen, instrument in kinds
                if chosen
            ]
        )
    return placement
