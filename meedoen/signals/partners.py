"""Signal partners (EnumSignaalpartner of the VNG model DDAS Vroegsignalering) and their arrears ranges.

The Besluit gemeentelijke schuldhulpverlening sets from how many days in arrears a partner signals;
a signal outside its partner's range is "onterecht" (contract rule 3).
"""

from __future__ import annotations

PARTNER_TYPES: tuple[str, ...] = (
    "Energie",
    "Huur",
    "Hypotheek",
    "Zorg",
    "Water",
    "CAK Zorgverzekeringen",
    "CAK Eigen bijdrage",
    "DUO",
    "Belastingdienst",
    "Dienst Toeslagen",
    "Overige",
)

# Days in arrears (signaaldatum - ontstaansdatum) a partner's signal must fall in: (minimum, maximum).
ARREARS_DAYS: dict[str, tuple[int, int | None]] = {
    "Zorg": (30, 100),
    "Energie": (30, None),
    "Huur": (30, None),
    "Water": (30, None),
}


def days_in_range(partner_type: str, days: int) -> bool:
    """Whether ``days`` in arrears fits the partner's legal range; unchecked partners always fit."""
    bounds = ARREARS_DAYS.get(partner_type)
    if bounds is None:
        return True
    low, high = bounds
    return days >= low and (high is None or days <= high)
