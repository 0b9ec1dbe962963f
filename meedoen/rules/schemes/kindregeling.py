"""Child schemes (Kinderfonds) as the resident sees them."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.kindregeling import KINDREGELING_CONDITIONS
from meedoen.rules.schemes import Condition, SchemeResult, first_failed, local_scheme, one, source
from meedoen.rules.schemes.income_test import granted, income_tested, value_month

NAME = "Kinderfonds"
LIMIT = "kindregeling_inkomensgrens"
CONDITIONS = income_tested(
    KINDREGELING_CONDITIONS,
    LIMIT,
    {
        "kindregeling_heeft_kinderen": Condition(
            "no_children",
            lambda s: (
                "Deze regeling is voor kinderen van "
                f"{s.local('kindregeling.minimum_leeftijd_kind')} tot 18 jaar."
            ),
        )
    },
)


@local_scheme("kindregeling", NAME, conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    refused = first_failed(s, CONDITIONS)
    reasons = [
        refused or granted(s, LIMIT, "Uw kinderen kunnen hulp krijgen bij schoolspullen, sport en cultuur.")
    ]
    src = source(s, f"gemeenten.{s.pop.municipality}.kindregeling.inkomensgrens")
    eligible = one(s, "kindregeling") > 0
    extra = value_month(s, "kindregeling", eligible)
    return SchemeResult("kindregeling", NAME, eligible, 0, "year", reasons, [src], extra)
