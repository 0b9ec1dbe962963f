"""Bijzondere bijstand as the resident sees it: possible, decided on the actual costs."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand import BIJZONDERE_BIJSTAND_CONDITIONS
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Condition, Reason, SchemeResult, first_failed, local_scheme, source
from meedoen.rules.schemes.income_test import granted, income_tested

BB = "bijzondere_bijstand"
LIMIT = f"{BB}_inkomensgrens"
DREMPEL = "nl.participatiewet.bijzondere_bijstand.drempel"
CONDITIONS = income_tested(
    BIJZONDERE_BIJSTAND_CONDITIONS,
    LIMIT,
    {"bijstand_leeftijd": Condition("under_18", lambda s: "Bijzondere bijstand is er vanaf 18 jaar.")},
)


@local_scheme(BB, "Bijzondere bijstand", period="once", conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    refused = first_failed(s, CONDITIONS)
    reasons = [
        refused
        or granted(
            s,
            LIMIT,
            "Heeft u kosten die u niet zelf kunt betalen, zoals een laptop voor school of werk? "
            "Vraag bijzondere bijstand aan. De gemeente kijkt naar uw kosten en wat u zelf kunt betalen.",
        )
    ]
    if refused is None:
        reasons.append(
            Reason("threshold", f"Kosten tot {euro_text(s.p(DREMPEL))} per jaar betaalt u in de regel zelf.")
        )
    srcs = [source(s, DREMPEL), source(s, f"gemeenten.{s.pop.municipality}.{BB}.inkomensgrens")]
    return SchemeResult(BB, "Bijzondere bijstand", refused is None, 0, "once", reasons, srcs)
