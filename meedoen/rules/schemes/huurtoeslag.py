"""Huurtoeslag as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.population import RENT
from meedoen.rules.schemes import Reason, SchemeResult, one, scheme, source

HT = "nl.toeslagen.huurtoeslag"


@scheme("huurtoeslag", "Huurtoeslag")
def describe(s: Simulation) -> SchemeResult:
    amount, rent = one(s, "huurtoeslag"), int(s.pop.rent_cents[0])
    sources = [source(s, f"{HT}.afbouw_eenpersoons"), source(s, f"{HT}.percentage_tot_aftoppingsgrens")]
    maximum = s.p(f"{HT}.maximale_huur")
    if int(s.pop.housing_kind[0]) != RENT or rent <= 0:
        reasons = [Reason("not_renting", "Huurtoeslag is er voor wie een woning huurt.")]
    elif one(s, "applicant_age") < 18:
        reasons = [Reason("under_18", "Huurtoeslag is er vanaf 18 jaar.")]
    elif rent > maximum:
        reasons = [
            Reason(
                "rent_above_maximum",
                f"Uw huur ({euro_text(rent)}) is hoger dan {euro_text(maximum)} per maand. "
                f"Met een huur tot {euro_text(maximum)} komt u in aanmerking.",
            )
        ]
    elif amount > 0:
        reasons = [
            Reason(
                "rent_and_income_fit",
                f"U huurt voor {euro_text(rent)} per maand en uw inkomen is niet te hoog. "
                "U krijgt een bijdrage in de huur.",
            )
        ]
    else:
        grens = one(s, "huurtoeslag_inkomensgrens")
        reasons = [
            Reason(
                "income_above_limit",
                f"Uw inkomen is te hoog voor deze huur. Met een inkomen tot {euro_text(grens)} per jaar "
                "komt u in aanmerking (of uw vermogen is hoger dan de grens).",
            )
        ]
    return SchemeResult("huurtoeslag", "Huurtoeslag", amount > 0, amount, "month", reasons, sources)
