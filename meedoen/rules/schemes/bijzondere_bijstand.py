"""Bijzondere bijstand as the resident sees it: possible, and what they pay themselves (draagkracht)."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand import (
    BB,
    BIJZONDERE_BIJSTAND_CONDITIONS,
    DRAAGKRACHT,
    draagkracht_known,
)
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand_producten import PRODUCTEN, producten
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Condition, Reason, SchemeResult, first_failed, local_scheme, one, source
from meedoen.rules.schemes.income_test import granted, income_tested

LIMIT = f"{BB}_inkomensgrens"
DREMPEL = "nl.participatiewet.bijzondere_bijstand.drempel"
# The shared income reason, without the shared assets condition: assets above the limit count as
# draagkracht here instead of refusing the help.
_BOUND = income_tested(
    (*BIJZONDERE_BIJSTAND_CONDITIONS, ASSETS),
    LIMIT,
    {"bijstand_leeftijd": Condition("under_18", lambda s: "Bijzondere bijstand is er vanaf 18 jaar.")},
)
CONDITIONS = tuple(c for c in _BOUND if c.variable in BIJZONDERE_BIJSTAND_CONDITIONS)


def draagkracht_reason(s: Simulation) -> Reason:
    """What the household pays itself of any cost, from the engine's figures (or that it is unknown)."""
    if not draagkracht_known(s):
        return Reason(
            "draagkracht_unknown",
            "Wat u zelf moet betalen (uw draagkracht), rekent de gemeente uit als u de bijstand aanvraagt.",
        )
    total = one(s, "bijzondere_bijstand_draagkracht")
    months = s.local(f"{DRAAGKRACHT}.periode_maanden")
    limit = euro_text(one(s, "bijzondere_bijstand_draagkrachtgrens"))
    assets = one(s, "bijzondere_bijstand_vermogen_boven_grens")
    if total == 0:
        return Reason(
            "no_draagkracht",
            f"Uw inkomen is niet hoger dan {limit} per maand: u hoeft zelf niets bij te dragen.",
        )
    text = f"U betaalt zelf de eerste {euro_text(total)} van de kosten in {months} maanden (uw draagkracht"
    text += f", waarvan {euro_text(assets)} vermogen boven de grens)." if assets else ")."
    return Reason("draagkracht", text)


def other_routes(s: Simulation) -> list[Reason]:
    """Products of the municipality's list that are asked for elsewhere (``via``), named from the data."""
    out = []
    for product in producten(s):
        path = f"{PRODUCTEN}.{product}.via"
        if f"gemeenten.{s.pop.municipality}.{path}" in s.parameters:
            out.append(Reason("other_route", f"Voor een {product} gaat u naar {s.local(path)}."))
    return out


@local_scheme(BB, "Bijzondere bijstand", period="once", conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    refused = first_failed(s, CONDITIONS)
    reasons = [
        refused
        or granted(
            s,
            LIMIT,
            "Heeft u noodzakelijke kosten die u niet zelf kunt betalen? Vraag bijzondere bijstand aan "
            "voordat u de kosten maakt. De gemeente kijkt naar uw kosten en wat u zelf kunt betalen.",
        )
    ]
    if refused is None:
        reasons.append(draagkracht_reason(s))
        reasons.extend(other_routes(s))
        reasons.append(
            Reason("threshold", f"Kosten tot {euro_text(s.p(DREMPEL))} per jaar betaalt u in de regel zelf.")
        )
    srcs = [source(s, DREMPEL), source(s, f"gemeenten.{s.pop.municipality}.{BB}.inkomensgrens")]
    return SchemeResult(BB, "Bijzondere bijstand", refused is None, 0, "once", reasons, srcs)
