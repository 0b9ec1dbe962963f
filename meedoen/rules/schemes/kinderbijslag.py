"""Kinderbijslag as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.schemes import Reason, SchemeResult, one, scheme, source


@scheme("kinderbijslag", "Kinderbijslag", period="quarter")
def describe(s: Simulation) -> SchemeResult:
    amount, children = one(s, "kinderbijslag"), one(s, "minor_children")
    if children:
        wie = "1 kind" if children == 1 else f"{children} kinderen"
        reasons = [
            Reason("children_under_18", f"U heeft {wie} jonger dan 18. U krijgt kinderbijslag per kwartaal.")
        ]
    else:
        reasons = [
            Reason("no_children_under_18", "Kinderbijslag is er voor ouders van kinderen jonger dan 18.")
        ]
    sources = [source(s, "nl.toeslagen.kinderbijslag.tot_6")]
    return SchemeResult("kinderbijslag", "Kinderbijslag", amount > 0, amount, "quarter", reasons, sources)
