"""The collective health insurance as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.collectieve_zorgverzekering import CZ, CZ_CONDITIONS
from meedoen.rules.schemes import Condition, SchemeResult, first_failed, local_scheme, source
from meedoen.rules.schemes.income_test import granted, income_tested, value_month

NAME = "Collectieve zorgverzekering"
LIMIT = f"{CZ}_inkomensgrens"
CONDITIONS = income_tested(
    CZ_CONDITIONS,
    LIMIT,
    {
        f"{CZ}_leeftijd": Condition(
            "too_young", lambda s: f"Deze verzekering is er vanaf {s.local(f'{CZ}.minimum_leeftijd')} jaar."
        )
    },
)


@local_scheme(CZ, NAME, conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    refused = first_failed(s, CONDITIONS)
    reasons = [
        refused
        or granted(
            s,
            LIMIT,
            "U kunt meedoen met de zorgverzekering van de gemeente: een goede aanvullende verzekering "
            "waarvoor de gemeente een deel van de premie betaalt.",
        )
    ]
    src = source(s, f"gemeenten.{s.pop.municipality}.{CZ}.inkomensgrens")
    extra = value_month(s, CZ, refused is None)
    return SchemeResult(CZ, NAME, refused is None, 0, "year", reasons, [src], extra)
