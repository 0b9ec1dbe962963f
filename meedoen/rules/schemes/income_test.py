"""Reasons for the municipal regelingen that test income and assets, computed from the engine.

Each reason names the household's figure and the limit the rules computed, so "what would
change it" is never written by hand: "Met een inkomen tot € 1.823,00 per maand komt u in
aanmerking."
"""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, one


def income_reasons(s: Simulation, limit_variable: str, granted: str) -> list[Reason]:
    """Why a household is in or out on income and assets; ``granted`` says what it gives."""
    income, limit = one(s, "income_net_month"), one(s, limit_variable)
    if not bool(s("vermogen_binnen_grens")[0]):
        cap = euro_text(one(s, "vermogensgrens"))
        return [
            Reason(
                "assets_above_limit",
                f"Uw vermogen is hoger dan {cap}. Met een vermogen tot {cap} komt u in aanmerking.",
            )
        ]
    if income > limit:
        return [
            Reason(
                "income_above_limit",
                f"Uw inkomen ({euro_text(income)} per maand) is hoger dan {euro_text(limit)}. "
                f"Met een inkomen tot {euro_text(limit)} per maand komt u in aanmerking.",
            )
        ]
    return [
        Reason(
            "income_below_limit",
            f"Uw inkomen ({euro_text(income)} per maand) is niet hoger dan {euro_text(limit)}. {granted}",
        )
    ]
