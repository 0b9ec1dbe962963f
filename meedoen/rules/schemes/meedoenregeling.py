"""The Meedoen-regeling as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.meedoenregeling import MEEDOENREGELING_CONDITIONS
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Condition, SchemeResult, first_failed, local_scheme, one, source
from meedoen.rules.schemes.income_test import granted, income_tested

NAME = "Meedoen-regeling"
LIMIT = "meedoenregeling_inkomensgrens"
CONDITIONS = income_tested(
    MEEDOENREGELING_CONDITIONS,
    LIMIT,
    {
        "meedoenregeling_heeft_deelnemers": Condition(
            "no_adult_non_student",
            lambda s: (
                "De regeling is voor volwassenen vanaf "
                f"{s.local('meedoenregeling.minimum_leeftijd')} jaar die niet studeren."
            ),
        )
    },
)


@local_scheme("meedoenregeling", NAME, conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    amount, people = one(s, "meedoenregeling"), one(s, "meedoenregeling_personen")
    per_person = euro_text(s.local("meedoenregeling.bedrag_per_persoon"))
    who = "1 persoon" if people == 1 else f"{people} personen"
    refused = first_failed(s, CONDITIONS)
    reasons = [
        refused
        or granted(
            s,
            LIMIT,
            f"U krijgt {per_person} per persoon per jaar voor {who}: samen {euro_text(amount)} per jaar "
            "voor sport, cultuur of ontmoeting. De gemeente betaalt de aanbieder.",
        )
    ]
    src = source(s, f"gemeenten.{s.pop.municipality}.meedoenregeling.bedrag_per_persoon")
    return SchemeResult("meedoenregeling", NAME, amount > 0, amount, "year", reasons, [src])
