"""Kwijtschelding of municipal taxes as the resident sees it: what they pay themselves, the rest remitted."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.kwijtschelding import (
    KWIJTSCHELDING,
    KWIJTSCHELDING_CONDITIONS,
    aanslag_known,
)
from meedoen.rules.formulas.nl.invordering.kwijtschelding import KW
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import (
    Condition,
    Reason,
    SchemeResult,
    conditions,
    first_failed,
    local_scheme,
    one,
    source,
)
from meedoen.rules.schemes.income_test import value_month

NAME = "Kwijtschelding gemeentelijke belastingen"


def _taxes(s: Simulation) -> str:
    taxes = str(s.local(f"{KWIJTSCHELDING}.belastingen"))
    return "de gemeentelijke belastingen" if taxes == "onbekend" else f"de {taxes}"


def _capacity_text(s: Simulation) -> str:
    costs = euro_text(one(s, "kwijtschelding_kosten_van_bestaan"))
    share = round(s.p(f"{KW}.aandeel_betalingscapaciteit") * 100)
    return (
        f"Na uw kosten van bestaan ({costs} per maand) en woonlasten houdt u "
        f"{euro_text(one(s, 'kwijtschelding_betalingscapaciteit'))} per maand over. "
        f"Daarvan telt {share}% over {s.p(f'{KW}.periode_maanden')} maanden: "
        f"{euro_text(one(s, 'kwijtschelding_eigen_bijdrage'))} per jaar betaalt u zelf."
    )


def _assets_too_high(s: Simulation) -> str:
    cap = euro_text(one(s, "kwijtschelding_vermogensgrens"))
    return (
        f"Uw vermogen is hoger dan {cap}: een maand kosten van bestaan en woonlasten. "
        f"Met het deel boven {cap} betaalt u eerst de belastingen. "
        f"Met een vermogen tot {cap} komt u in aanmerking."
    )


def _capacity_too_high(s: Simulation) -> str:
    if aanslag_known(s):
        return (
            f"{_capacity_text(s)} Dat is niet minder dan uw aanslag van "
            f"{euro_text(one(s, 'kwijtschelding_aanslag'))}, dus er blijft niets over om kwijt te schelden."
        )
    return (
        f"{_capacity_text(s)} Is uw aanslag voor {_taxes(s)} hoger? "
        "Dan kunt u voor het deel erboven kwijtschelding krijgen."
    )


CONDITIONS = conditions(
    KWIJTSCHELDING_CONDITIONS,
    {
        "kwijtschelding_vermogen": Condition("assets_above_limit", _assets_too_high),
        "kwijtschelding_betalingscapaciteit_toereikend": Condition("payment_capacity", _capacity_too_high),
    },
)


@local_scheme(KWIJTSCHELDING, NAME, conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    amount = one(s, KWIJTSCHELDING)
    refused = first_failed(s, CONDITIONS)
    if refused is not None:
        reasons = [refused]
    elif one(s, "kwijtschelding_eigen_bijdrage") == 0:
        costs = euro_text(one(s, "kwijtschelding_kosten_van_bestaan"))
        reasons = [
            Reason(
                "no_payment_capacity",
                f"Na uw kosten van bestaan ({costs} per maand) en woonlasten houdt u niets over. "
                f"U kunt kwijtschelding krijgen van {_taxes(s)}: u hoeft ze niet te betalen.",
            )
        ]
    else:
        reasons = [
            Reason(
                "partial",
                f"{_capacity_text(s)} De rest van uw aanslag, {euro_text(amount)}, wordt kwijtgescholden.",
            )
        ]
    if refused is None and not aanslag_known(s):
        reasons.append(
            Reason(
                "amount_unknown",
                "De bedragen van de belastingen van deze gemeente zijn bij Meedoen nog niet bekend.",
            )
        )
    local = f"gemeenten.{s.pop.municipality}.{KWIJTSCHELDING}"
    srcs = [
        source(s, f"{KW}.kosten_van_bestaan_percentage"),
        source(s, f"{local}.kosten_van_bestaan_percentage"),
    ]
    # A kwijtschelding whose tax amounts were not found is unknown (null, "bedrag onbekend"), never €0.
    extra = value_month(s, KWIJTSCHELDING, refused is None)
    if refused is None and not aanslag_known(s):
        extra["amount"] = None
    return SchemeResult(KWIJTSCHELDING, NAME, refused is None, amount, "year", reasons, srcs, extra)
