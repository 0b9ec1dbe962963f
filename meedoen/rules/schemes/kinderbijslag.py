"""Kinderbijslag as the resident sees it: the right and the amount per quarter."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.nl.toeslagen.kinderbijslag import KINDERBIJSLAG_CONDITIONS
from meedoen.rules.periods import quarter_start
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

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _quarter_day(s: Simulation) -> str:
    """The first day of the quarter in words ("1 april 2026"): the day the law looks at."""
    q = quarter_start(s.d)
    return f"1 {MAANDEN[q // 100 % 100 - 1]} {q // 10000}"


CONDITIONS = conditions(
    KINDERBIJSLAG_CONDITIONS,
    {
        "kinderbijslag_kinderen": Condition(
            "no_children_under_18",
            lambda s: (
                "Kinderbijslag is er voor ouders van kinderen jonger dan 18. Het telt hoe oud uw kind is "
                f"op de eerste dag van het kwartaal (voor dit kwartaal: {_quarter_day(s)})."
            ),
        ),
    },
)


@scheme("kinderbijslag", "Kinderbijslag", period="quarter", conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    amount = one(s, "kinderbijslag")
    failed = first_failed(s, CONDITIONS)
    if failed is not None:
        reasons = [failed]
    else:
        n = one(s, "kinderbijslag_kinderen_aantal")
        wie = "1 kind" if n == 1 else f"{n} kinderen"
        reasons = [
            Reason(
                "children_under_18",
                f"U heeft {wie} jonger dan 18 op {_quarter_day(s)}. U krijgt kinderbijslag per kwartaal.",
            )
        ]
    sources = [source(s, "nl.toeslagen.kinderbijslag.tot_6")]
    return SchemeResult("kinderbijslag", "Kinderbijslag", failed is None, amount, "quarter", reasons, sources)
