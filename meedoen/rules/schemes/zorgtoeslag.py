"""Zorgtoeslag as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, SchemeResult, one, scheme, source

ZT = "nl.toeslagen.zorgtoeslag"


@scheme("zorgtoeslag", "Zorgtoeslag")
def describe(s: Simulation) -> SchemeResult:
    amount, income, grens = (
        one(s, "zorgtoeslag"),
        one(s, "toetsingsinkomen_household"),
        one(s, "zorgtoeslag_inkomensgrens"),
    )
    partner = bool(s("has_partner")[0])
    limit = s.p(f"{ZT}.vermogensgrens_partners" if partner else f"{ZT}.vermogensgrens_alleenstaande")
    sources = [source(s, f"{ZT}.afbouw"), source(s, f"{ZT}.standaardpremie")]
    if one(s, "applicant_age") < 18:
        reasons = [Reason("under_18", "Zorgtoeslag is er vanaf 18 jaar.")]
    elif int(s.pop.assets_cents[0]) > limit:
        reasons = [
            Reason(
                "assets_above_limit",
                f"Uw vermogen is hoger dan {euro_text(limit)}. Met minder vermogen komt u in aanmerking.",
            )
        ]
    elif amount > 0:
        reasons = [
            Reason(
                "income_below_limit",
                f"Uw inkomen ({euro_text(income)} per jaar) is lager dan {euro_text(grens)} per jaar. "
                "U krijgt een bijdrage in de kosten van uw zorgverzekering.",
            )
        ]
    else:
        reasons = [
            Reason(
                "income_above_limit",
                f"Uw inkomen ({euro_text(income)} per jaar) is te hoog. "
                f"Met een inkomen tot {euro_text(grens)} per jaar komt u in aanmerking.",
            )
        ]
    return SchemeResult("zorgtoeslag", "Zorgtoeslag", amount > 0, amount, "month", reasons, sources)
