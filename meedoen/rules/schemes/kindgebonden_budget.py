"""Kindgebonden budget as the resident sees it: the reason shown is the condition that decided."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.nl.toeslagen.kindgebonden_budget import KGB_CONDITIONS
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
from meedoen.rules.schemes.zorgtoeslag import income_derivation

KGB = "nl.toeslagen.kindgebonden_budget"


def _income(s: Simulation) -> str:
    return euro_text(one(s, "toetsingsinkomen_household"))


def _children(s: Simulation) -> str:
    n = one(s, "kgb_kinderen_aantal")
    return "1 kind" if n == 1 else f"{n} kinderen"


CONDITIONS = conditions(
    KGB_CONDITIONS,
    {
        "kgb_kinderen": Condition(
            "no_children_under_18",
            lambda s: (
                "Kindgebonden budget is er voor ouders van kinderen jonger dan 18: vanaf de maand na de "
                "geboorte tot en met de maand waarin het kind 18 wordt."
            ),
        ),
        "kgb_vermogen": Condition(
            "assets_above_limit",
            lambda s: (
                f"Uw vermogen ({euro_text(int(s.pop.assets_cents[0]))}) is hoger dan "
                f"{euro_text(one(s, 'kgb_vermogensgrens'))}. Met minder vermogen komt u in aanmerking."
            ),
        ),
        "kgb_inkomen": Condition(
            "income_above_limit",
            lambda s: (
                f"Uw inkomen ({_income(s)} per jaar) is te hoog voor kindgebonden budget voor "
                f"{_children(s)}. " + income_derivation(s)
            ),
        ),
    },
)


@scheme("kindgebonden_budget", "Kindgebonden budget", conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    amount = one(s, "kindgebonden_budget")
    sources = [source(s, f"{KGB}.per_kind")]
    failed = first_failed(s, CONDITIONS)
    if failed is not None:
        reasons = [failed]
    else:
        reasons = [
            Reason(
                "income_below_limit",
                f"U heeft {_children(s)} jonger dan 18 en uw inkomen ({_income(s)} per jaar) is niet te "
                "hoog. " + income_derivation(s),
            )
        ]
    return SchemeResult(
        "kindgebonden_budget", "Kindgebonden budget", failed is None, amount, "month", reasons, sources
    )
