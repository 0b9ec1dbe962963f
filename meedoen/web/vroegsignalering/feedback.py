"""What a creditor may hear about its signal: picked up or not, and only the allowed end results.

DDAS: "Niet opgepakt: andere reden" is reported as just "Niet opgepakt" (a creditor may not know
why); a contact outcome (help accepted, no contact, ...) is never told, only that it was picked up.
"""

from __future__ import annotations

from meedoen.signals.classify import SignalStatus
from meedoen.web.vroegsignalering.models import Eindresultaat, Signal

PICKED_UP = "Opgepakt"
NOT_PICKED_UP = "Niet opgepakt"
# End results the creditor is told as they are.
SHARED_RESULTS = frozenset({Eindresultaat.OVERLEDEN, Eindresultaat.GEEN_INWONER})


def creditor_status(signal: Signal) -> str:
    """The status the creditor sees for one of its signals."""
    if signal.status == SignalStatus.ONTERECHT:
        return Eindresultaat.ONTERECHT.label
    if signal.status == SignalStatus.HERHAALD:
        return Eindresultaat.HERHAALD.label
    result = signal.case.result if signal.case_id else ""
    if result in SHARED_RESULTS:
        return Eindresultaat(result).label
    if result == Eindresultaat.ANDERE_REDEN:
        return NOT_PICKED_UP
    return PICKED_UP
