"""Kindgebonden budget as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, SchemeResult, one, scheme, source

KGB = "nl.toeslagen.kindgebonden_budget"


@scheme("kindgebonden_budget", "Kindgebonden budget")
def describe(s: Simulation) -> SchemeResult:
    amount, children = one(s, "kindgebonden_budget"), one(s, "minor_children")
    sources = [source(s, f"{KGB}.per_kind")]
    if not children:
        reasons = [
            Reason(
                "no_children_under_18", "Kindgebonden budget is er voor ouders van kinderen jonger dan 18."
            )
        ]
    elif amount > 0:
        income = euro_text(one(s, "toetsingsinkomen_household"))
        reasons = [
            Reason(
                "income_below_limit",
                f"U heeft kinderen jonger dan 18 en uw inkomen ({income} per jaar) is niet te hoog.",
            )
        ]
    else:
        reasons = [
            Reason(
                "income_or_assets_too_high",
                "Uw inkomen of vermogen is te hoog voor kindgebonden budget.",
            )
        ]
    return SchemeResult(
        "kindgebonden_budget", "Kindgebonden budget", amount > 0, amount, "month", reasons, sources
    )
