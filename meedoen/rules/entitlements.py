"""One household in, entitlements out: the output of the household contract."""

from __future__ import annotations

from typing import Any

from meedoen.rules import formulas  # noqa: F401  (registers the formulas)
from meedoen.rules.engine import Simulation
from meedoen.rules.errors import InputError, InputProblem
from meedoen.rules.formulas.benefit_unit import HOUSEHOLD_TYPES
from meedoen.rules.household import Household
from meedoen.rules.money import euro
from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.rules.population import from_households
from meedoen.rules.schemes import schemes_for


def check_municipality(municipality: str, parameters: ParameterSet) -> None:
    """An :class:`InputError` naming the known municipalities when there is no parameter folder."""
    if municipality not in parameters.municipalities:
        known = ", ".join(sorted(parameters.municipalities))
        raise InputError([InputProblem("municipality", f'expected one of {known}, got "{municipality}"')])


def entitlements(
    household: Household, parameters: ParameterSet | None = None, *, trace: bool = True
) -> dict[str, Any]:
    """Evaluate one household on its peildatum: the contract's output as a JSON-ready dict."""
    parameters = parameters or default_parameters()
    check_municipality(household.municipality, parameters)
    parameters.check_covered(household.date, household.municipality)
    s = Simulation(from_households([household]), parameters, trace=trace)

    def one(name: str) -> Any:
        return s(name)[0]

    schemes = [scheme.describe(s) for scheme in schemes_for(household.municipality, parameters)]
    share = float(one("energy_cost_share"))
    return {
        "municipality": household.municipality,
        "date": household.date.isoformat(),
        "household_type": HOUSEHOLD_TYPES[int(one("household_type"))],
        "kostendelers": int(one("kostendelers")),
        "norm": {
            "monthly_excl_vakantietoeslag": euro(one("norm_excl_vakantietoeslag")),
            "vakantietoeslag_monthly": euro(one("vakantietoeslag")),
            "monthly_incl_vakantietoeslag": euro(one("norm")),
        },
        "income_net_month": euro(one("income_net_month")),
        "income_ratio": round(float(one("income_ratio")), 4),
        "disposable_income_month": euro(one("disposable_income")),
        "schemes": [
            {
                "id": r.id,
                "name": r.name,
                "eligible": r.eligible,
                "amount": euro(r.amount_cents),
                "period": r.period,
                "reasons": [{"code": x.code, "text": x.text} for x in r.reasons],
                "sources": list(dict.fromkeys(r.sources)),
                **r.extra,
            }
            for r in schemes
        ],
        "indicators": {
            "energy_cost_share": round(share, 4) if share != float("inf") else None,
            "energy_poverty": bool(one("energy_poverty")),
        },
        "trace": s.trace or [],
    }


def persons_where(household: Household, variable: str, parameters: ParameterSet | None = None) -> list[str]:
    """The ids of the persons for whom a yes/no person variable holds on the peildatum: e.g. who
    gets a scheme's budget on the city pass (``meedoenregeling_persoon``)."""
    s = Simulation(from_households([household]), parameters or default_parameters())
    return [p.id for p, yes in zip(household.persons, s(variable).tolist(), strict=True) if yes]
