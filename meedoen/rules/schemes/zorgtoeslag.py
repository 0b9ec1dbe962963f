"""Zorgtoeslag as the resident sees it: the reason shown is the condition that decided."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.nl.toeslagen.zorgtoeslag import ZORGTOESLAG_CONDITIONS
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import (
    Condition,
    Reason,
    SchemeResult,
    conditions,
    first_failed,
    one,
    scheme,
    source,
)

ZT = "nl.toeslagen.zorgtoeslag"


def income_derivation(s: Simulation) -> str:
    """How the yearly toetsingsinkomen was found from what the resident typed, in words, with the
    household's own figures: a yearly amount is never shown without where it came from."""
    pop, parts = s.pop, []
    people = [(int(pop.offsets[0]), True)]
    if pop.has_partner[0]:
        people.append((int(pop.partner_index[0]), False))
    for i, own in people:
        if pop.toetsingsinkomen_cents[i] >= 0:
            parts.append(
                "het jaarinkomen dat u opgaf" if own else "het jaarinkomen van uw partner dat u opgaf"
            )
        elif pop.wage_gross_cents[i] >= 0:
            loon = "uw brutoloon" if own else "het brutoloon van uw partner"
            parts.append(
                f"12 × {loon} per maand ({euro_text(int(pop.wage_gross_cents[i]))}) plus vakantiegeld"
            )
        elif pop.net_income_cents[i] > 0:
            netto = "uw netto inkomen" if own else "het netto inkomen van uw partner"
            parts.append(
                f"12 × {netto} per maand ({euro_text(int(pop.net_income_cents[i]))}), omgerekend naar bruto"
            )
    bijstand = one(s, "bijstand")
    if bijstand > 0:
        parts.append(f"uw bijstand ({euro_text(bijstand)} per maand), omgerekend naar bruto per jaar")
    if not parts:
        return "U gaf geen inkomen op."
    return "Zo rekenden we uw inkomen per jaar: " + "; plus ".join(parts) + "."


def _income(s: Simulation) -> str:
    return euro_text(one(s, "toetsingsinkomen_household"))


CONDITIONS = conditions(
    ZORGTOESLAG_CONDITIONS,
    {
        "zorgtoeslag_verzekerde": Condition(
            "under_18", lambda s: "Zorgtoeslag is er vanaf de maand nadat u 18 jaar bent geworden."
        ),
        "zorgtoeslag_vermogen": Condition(
            "assets_above_limit",
            lambda s: (
                f"Uw vermogen ({euro_text(int(s.pop.assets_cents[0]))}) is hoger dan "
                f"{euro_text(one(s, 'zorgtoeslag_vermogensgrens'))}. "
                "Met minder vermogen komt u in aanmerking."
            ),
        ),
        "zorgtoeslag_inkomen": Condition(
            "income_above_limit",
            lambda s: (
                f"Uw inkomen ({_income(s)} per jaar) is te hoog. Met een inkomen tot "
                f"{euro_text(one(s, 'zorgtoeslag_inkomensgrens'))} per jaar komt u in aanmerking. "
                + income_derivation(s)
            ),
        ),
    },
)


@scheme("zorgtoeslag", "Zorgtoeslag", conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    amount = one(s, "zorgtoeslag")
    sources = [source(s, f"{ZT}.afbouw"), source(s, f"{ZT}.standaardpremie")]
    failed = first_failed(s, CONDITIONS)
    if failed is not None:
        reasons = [failed]
    else:
        reasons = [
            Reason(
                "income_below_limit",
                f"Uw inkomen ({_income(s)} per jaar) is lager dan "
                f"{euro_text(one(s, 'zorgtoeslag_inkomensgrens'))} per jaar. "
                "U krijgt een bijdrage in de kosten van uw zorgverzekering. " + income_derivation(s),
            )
        ]
    return SchemeResult("zorgtoeslag", "Zorgtoeslag", failed is None, amount, "month", reasons, sources)
