"""Algemene bijstand as the resident sees it: the monthly top-up and why."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.nl.participatiewet.bijstand import BIJSTAND_CONDITIONS
from meedoen.rules.formulas.nl.participatiewet.vrijlating import (
    A34_AOW,
    A34_WERK,
    N_AOW,
    N_WERK,
    R_ALLEENSTAANDE_OUDER,
)
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import (
    Condition,
    Reason,
    SchemeResult,
    conditions,
    first_failed,
    one,
    scheme,
    source,
)

P = "nl.participatiewet.vrijlating"


def _income(s: Simulation) -> str:
    """The income the bijstand counts, in words: with the disregard named when there is one."""
    counted = euro_text(one(s, "inkomen_bijstand"))
    if one(s, "vrijlating_inkomsten"):
        return f"Uw inkomen voor de bijstand ({counted} per maand, na de vrijlating)"
    return f"Uw inkomen ({counted} per maand)"


CONDITIONS = conditions(
    BIJSTAND_CONDITIONS,
    {
        "bijstand_leeftijd": Condition("under_18", lambda s: "Bijstand is er vanaf 18 jaar."),
        "vermogen_binnen_grens": Condition(
            "assets_above_limit",
            lambda s: (
                f"Uw vermogen ({euro_text(int(s.pop.assets_cents[0]))}) is hoger dan de grens van "
                f"{euro_text(one(s, 'vermogensgrens'))}. Met een vermogen tot "
                f"{euro_text(one(s, 'vermogensgrens'))} komt u in aanmerking."
            ),
        ),
        "bijstand_inkomen_onder_norm": Condition(
            "income_above_norm",
            lambda s: (
                f"{_income(s)} is niet lager dan de bijstandsnorm. Met een inkomen onder "
                f"{euro_text(one(s, 'norm'))} per maand komt u in aanmerking."
            ),
        ),
    },
)


def _disregard_text(s: Simulation) -> str:
    """Plain Dutch: which earnings do not count, how much, and for how long (the rule applied)."""
    grond, amount = s("vrijlating_grond"), s("vrijlating_arbeid")
    parts = []
    unit = [int(s.pop.offsets[0])] + ([int(s.pop.partner_index[0])] if s.pop.has_partner[0] else [])
    for i in unit:
        if not amount[i]:
            continue
        who = "uw" if i == s.pop.offsets[0] else "het"
        loon = "loon" if who == "uw" else "loon van uw partner"
        g, euro = int(grond[i]), euro_text(int(amount[i]))
        if g == N_WERK:
            wanneer = f"in de eerste {s.p(f'{P}.n_maanden')} maanden na de start van het werk"
        elif g == R_ALLEENSTAANDE_OUDER:
            wanneer = (
                f"als alleenstaande ouder met een kind jonger dan {s.p(f'{P}.r_kind_leeftijd')} jaar, "
                f"nog {s.p(f'{P}.r_maanden')} maanden na de eerste {s.p(f'{P}.n_maanden')} maanden"
            )
        elif g == A34_WERK:
            wanneer = f"in de eerste {s.p(f'{P}.art34a.maanden')} maanden na de start van het werk"
        elif g in (N_AOW, A34_AOW):
            wanneer = (
                "omdat u de AOW-leeftijd hebt" if who == "uw" else "omdat uw partner de AOW-leeftijd heeft"
            )
        else:
            wanneer = ""
        parts.append(f"{euro} van {who} {loon} telt niet mee ({wanneer})")
    return (
        "Werken loont: "
        + "; ".join(parts)
        + ". De gemeente beslist of deze vrijlating helpt om aan het werk te komen of te blijven."
    )


@scheme("bijstand", "Bijstandsuitkering", conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    amount = one(s, "bijstand")
    sources = [source(s, "nl.participatiewet.normen.alleenstaande_21_tot_aow")]
    failed = first_failed(s, CONDITIONS)
    reasons: list[Reason] = []
    if failed is not None:
        reasons.append(failed)
        if failed.code == "assets_above_limit":
            sources.append(source(s, "nl.participatiewet.vermogensgrens.alleenstaande"))
    else:
        reasons.append(
            Reason(
                "income_below_norm",
                f"{_income(s)} is lager dan de bijstandsnorm ({euro_text(one(s, 'norm'))} per maand). "
                "De bijstand vult het verschil aan.",
            )
        )
    if failed is None and bool(s("has_aow_age")[int(s.pop.offsets[0])]):
        reasons.append(
            Reason(
                "aio_by_svb",
                "U hebt de AOW-leeftijd. Deze aanvulling heet dan AIO (aanvullende inkomensvoorziening "
                "ouderen). U vraagt haar aan bij de SVB, niet bij de gemeente (Participatiewet art. 47a).",
            )
        )
    if one(s, "vrijlating_inkomsten") and one(s, "bijstand_leeftijd"):
        reasons.append(Reason("earnings_disregard", _disregard_text(s)))
        sources.append(source(s, f"{P}.n_percentage" if s.d < 20270101 else f"{P}.art34a.percentage"))
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
        sources.append(source(s, "nl.participatiewet.kostendelersnorm.vast_deel"))
    return SchemeResult("bijstand", "Bijstandsuitkering", failed is None, amount, "month", reasons, sources)
