"""Algemene bijstand as the resident sees it: the monthly top-up and why."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, SchemeResult, one, scheme


@scheme("bijstand", "Bijstandsuitkering")
def describe(s: Simulation) -> SchemeResult:
    norm, income = one(s, "norm"), one(s, "income_net_month")
    amount, limit = one(s, "bijstand"), one(s, "vermogensgrens")
    reasons: list[Reason] = []
    sources = [s.parameters["nl.participatiewet.normen.alleenstaande_21_tot_aow"].source()]
    if norm == 0:
        reasons.append(Reason("under_18", "Bijstand is er vanaf 18 jaar."))
    elif not bool(s("vermogen_binnen_grens")[0]):
        reasons.append(
            Reason(
                "assets_above_limit",
                f"Uw vermogen ({euro_text(int(s.pop.assets_cents[0]))}) is hoger dan de grens van "
                f"{euro_text(limit)}. Met een vermogen tot {euro_text(limit)} komt u in aanmerking.",
            )
        )
        sources.append(s.parameters["nl.participatiewet.vermogensgrens.alleenstaande"].source())
    elif amount > 0:
        reasons.append(
            Reason(
                "income_below_norm",
                f"Uw inkomen ({euro_text(income)} per maand) is lager dan de bijstandsnorm "
                f"({euro_text(norm)} per maand). De bijstand vult het verschil aan.",
            )
        )
    else:
        reasons.append(
            Reason(
                "income_above_norm",
                f"Uw inkomen ({euro_text(income)} per maand) is niet lager dan de bijstandsnorm. "
                f"Met een inkomen onder {euro_text(norm)} per maand komt u in aanmerking.",
            )
        )
    if bool(s("kostendelersnorm_van_toepassing")[0]):
        others = int(s("kostendelende_medebewoners")[0])
        wie = "1 andere volwassene" if others == 1 else f"{others} andere volwassenen"
        reasons.append(
            Reason(
                "kostendelersnorm",
                f"U woont met {wie} van {s.p('nl.participatiewet.kostendelersnorm.leeftijd_medebewoner')} "
                "jaar of ouder. U deelt de kosten, daarom is uw norm lager (kostendelersnorm).",
            )
        )
        sources.append(s.parameters["nl.participatiewet.kostendelersnorm.vast_deel"].source())
    return SchemeResult("bijstand", "Bijstandsuitkering", amount > 0, amount, "month", reasons, sources)
