"""Reasons for the municipal regelingen that test income and assets, computed from the engine.

Each reason names the household's figure and the limit the rules computed, so "what would
change it" is never written by hand: "Met een inkomen tot € 1.823,00 per maand komt u in
aanmerking."
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS
from meedoen.rules.formulas.gemeenten.lokale_regelingen import valuation_status
from meedoen.rules.money import euro, euro_text
from meedoen.rules.schemes import BoundCondition, Condition, Reason, conditions, one


def _assets_too_high(s: Simulation) -> str:
    cap = euro_text(one(s, "vermogensgrens"))
    return f"Uw vermogen is hoger dan {cap}. Met een vermogen tot {cap} komt u in aanmerking."


def _income_too_high(limit_variable: str) -> Condition:
    def text(s: Simulation) -> str:
        income, limit = euro_text(one(s, "income_net_month")), euro_text(one(s, limit_variable))
        return (
            f"Uw inkomen ({income} per maand) is hoger dan {limit}. "
            f"Met een inkomen tot {limit} per maand komt u in aanmerking."
        )

    return Condition("income_above_limit", text)


def income_tested(
    names: Sequence[str], limit_variable: str, others: Mapping[str, Condition] | None = None
) -> tuple[BoundCondition, ...]:
    """The conditions of a regeling with the shared assets condition and its income condition
    (``<scheme>_inkomen_binnen_grens`` for the limit ``<scheme>_inkomensgrens``), plus ``others``."""
    within = limit_variable.replace("_inkomensgrens", "_inkomen_binnen_grens")
    reasons = {
        ASSETS: Condition("assets_above_limit", _assets_too_high),
        within: _income_too_high(limit_variable),
        **(others or {}),
    }
    return conditions(names, reasons)


def granted(s: Simulation, limit_variable: str, what: str) -> Reason:
    """Why a household is in on income, and ``what`` it gets."""
    income, limit = euro_text(one(s, "income_net_month")), euro_text(one(s, limit_variable))
    return Reason("income_below_limit", f"Uw inkomen ({income} per maand) is niet hoger dan {limit}. {what}")


def value_month(s: Simulation, scheme: str, eligible: bool) -> dict[str, float | None]:
    """The output field ``value_month`` of an in-kind scheme: what it is worth to this household in
    euro per month (``<scheme>_waarde_maand``), 0 without a right, and None ("bedrag onbekend") where
    the municipality's valuation was not found: never €0 for an unknown value."""
    status = valuation_status(s.parameters, s.pop.municipality, s.d).get(f"{scheme}_waarde_maand")
    if eligible and status != "valued":
        return {"value_month": None}
    return {"value_month": euro(one(s, f"{scheme}_waarde_maand")) if eligible else 0.0}
