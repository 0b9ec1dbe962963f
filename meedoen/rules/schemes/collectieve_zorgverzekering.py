"""The collective health insurance as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.schemes import Reason, SchemeResult, local_scheme, one, source
from meedoen.rules.schemes.income_test import income_reasons

NAME = "Collectieve zorgverzekering"


@local_scheme("collectieve_zorgverzekering", NAME)
def describe(s: Simulation) -> SchemeResult:
    minimum = s.local("collectieve_zorgverzekering.minimum_leeftijd")
    if one(s, "applicant_age") < minimum:
        reasons = [Reason("too_young", f"Deze verzekering is er vanaf {minimum} jaar.")]
    else:
        reasons = income_reasons(
            s,
            "collectieve_zorgverzekering_inkomensgrens",
            "U kunt meedoen met de zorgverzekering van de gemeente: een goede aanvullende verzekering "
            "waarvoor de gemeente een deel van de premie betaalt.",
        )
    eligible = bool(s("collectieve_zorgverzekering")[0])
    src = source(s, f"gemeenten.{s.pop.municipality}.collectieve_zorgverzekering.inkomensgrens")
    return SchemeResult("collectieve_zorgverzekering", NAME, eligible, 0, "year", reasons, [src])
