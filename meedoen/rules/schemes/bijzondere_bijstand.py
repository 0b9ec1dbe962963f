"""Bijzondere bijstand as the resident sees it: possible, decided on the actual costs."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, SchemeResult, local_scheme, one, source
from meedoen.rules.schemes.income_test import income_reasons


@local_scheme("bijzondere_bijstand", "Bijzondere bijstand", period="once")
def describe(s: Simulation) -> SchemeResult:
    if one(s, "applicant_age") < 18:
        reasons = [Reason("under_18", "Bijzondere bijstand is er vanaf 18 jaar.")]
    else:
        reasons = income_reasons(
            s,
            "bijzondere_bijstand_inkomensgrens",
            "Heeft u kosten die u niet zelf kunt betalen, zoals een laptop voor school of werk? "
            "Vraag bijzondere bijstand aan. De gemeente kijkt naar uw kosten en wat u zelf kunt betalen.",
        )
    eligible = bool(s("bijzondere_bijstand")[0])
    srcs = [source(s, "nl.participatiewet.bijzondere_bijstand.drempel")]
    srcs.append(source(s, f"gemeenten.{s.pop.municipality}.bijzondere_bijstand.inkomensgrens"))
    if eligible:
        reasons.append(
            Reason(
                "threshold",
                f"Kosten tot {euro_text(s.p('nl.participatiewet.bijzondere_bijstand.drempel'))} per jaar "
                "betaalt u in de regel zelf.",
            )
        )
    return SchemeResult("bijzondere_bijstand", "Bijzondere bijstand", eligible, 0, "once", reasons, srcs)
