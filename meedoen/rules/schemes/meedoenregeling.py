"""The Meedoen-regeling as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, SchemeResult, local_scheme, one, source
from meedoen.rules.schemes.income_test import income_reasons


@local_scheme("meedoenregeling", "Meedoen-regeling")
def describe(s: Simulation) -> SchemeResult:
    amount, people = one(s, "meedoenregeling"), one(s, "meedoenregeling_personen")
    per_person = euro_text(s.local("meedoenregeling.bedrag_per_persoon"))
    if people == 0:
        minimum = s.local("meedoenregeling.minimum_leeftijd")
        reasons = [
            Reason(
                "no_adult_non_student",
                f"De regeling is voor volwassenen vanaf {minimum} jaar die niet studeren.",
            )
        ]
    else:
        reasons = income_reasons(
            s,
            "meedoenregeling_inkomensgrens",
            f"U krijgt {per_person} per persoon per jaar voor sport, cultuur of ontmoeting. "
            "De gemeente betaalt de aanbieder.",
        )
    src = source(s, f"gemeenten.{s.pop.municipality}.meedoenregeling.bedrag_per_persoon")
    return SchemeResult("meedoenregeling", "Meedoen-regeling", amount > 0, amount, "year", reasons, [src])
