"""One household in, entitlements out: the output of the household contract.

Coverage is per scheme: each scheme reports ``final``, ``provisional`` (the peildatum lies after
the last published value of a parameter it used, so the latest values were used) or ``unknown``
(the peildatum lies before the first value of a parameter it needs). A household is refused only
before the Participatiewet norms' first date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meedoen.rules.coverage import FINAL, PROVISIONAL, UNKNOWN, Status, status_of
from meedoen.rules.engine import Simulation
from meedoen.rules.errors import CoverageError, InputError, InputProblem
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand import DRAAGKRACHT, draagkracht_known
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand_producten import (
    bijzondere_bijstand_vergoeding,
    product_list,
    producten,
)
from meedoen.rules.formulas.household.benefit_unit import HOUSEHOLD_TYPES
from meedoen.rules.formulas.nl.participatiewet.normen import CATEGORIES
from meedoen.rules.formulas.nl.participatiewet.vrijlating import GRONDEN
from meedoen.rules.household import Household
from meedoen.rules.money import euro
from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.rules.population import from_households
from meedoen.rules.schemes import Reason, Scheme, SchemeResult, schemes_for

# The codes of the engine's choice variables, by position: what a trace's number means.
CHOICE_CODES: dict[str, tuple[str, ...]] = {
    "household_type": HOUSEHOLD_TYPES,
    "vrijlating_grond": GRONDEN,
    "norm_category": CATEGORIES,
}


def check_municipality(municipality: str, parameters: ParameterSet) -> None:
    """An :class:`InputError` naming the known municipalities when there is no parameter folder."""
    if municipality not in parameters.municipalities:
        known = ", ".join(sorted(parameters.municipalities))
        raise InputError([InputProblem("municipality", f'expected one of {known}, got "{municipality}"')])


def _describe(s: Simulation, scheme: Scheme) -> tuple[SchemeResult | None, Status, CoverageError | None]:
    with s.recording() as used:
        try:
            result = scheme.describe(s)
        except CoverageError as missing:
            return None, Status(UNKNOWN, first_date=missing.start), missing
    return result, status_of(s.parameters, used, s.date), None


def _unknown(s: Simulation, scheme: Scheme, status: Status) -> dict[str, Any]:
    """A scheme the rules cannot compute on the peildatum: no amount, never a silent nil."""
    scheme_id, name = scheme.identity(s)
    known = f"{status.first_date:%-d-%-m-%Y}"
    text = (
        f"Voor {s.date:%-d-%-m-%Y} zijn de bedragen van deze regeling niet bekend bij Meedoen. "
        f"Meedoen kan deze regeling berekenen vanaf {known}."
    )
    return {
        "id": scheme_id,
        "name": name,
        "eligible": None,
        "amount": None,
        "period": scheme.period,
        "reasons": [{"code": "no_figures_for_date", "text": text}],
        "sources": [],
        "references": [],
        **status.fields(),
    }


def _scheme_output(result: SchemeResult, status: Status) -> dict[str, Any]:
    references = list({r.contract()["url"]: r.contract() for r in result.sources}.values())
    return {
        "id": result.id,
        "name": result.name,
        "eligible": result.eligible,
        "amount": euro(result.amount_cents),
        "period": result.period,
        "reasons": [{"code": x.code, "text": x.text} for x in result.reasons],
        "sources": [r["url"] for r in references],
        "references": references,
        **status.fields(),
        **result.extra,
    }


def entitlements(
    household: Household, parameters: ParameterSet | None = None, *, trace: bool = True
) -> dict[str, Any]:
    """Evaluate one household on its peildatum: the contract's output as a JSON-ready dict."""
    parameters = parameters or default_parameters()
    check_municipality(household.municipality, parameters)
    parameters.check_covered(household.date)
    s = Simulation(from_households([household]), parameters, trace=trace, track=True)

    def one(name: str) -> Any:
        return s(name)[0]

    def known(name: str, shown: Callable[[Any], Any]) -> Any:
        """A figure that rests on parameters a date may lack: None ("onbekend") then, never nil."""
        try:
            return shown(one(name))
        except CoverageError:
            return None

    schemes = []
    for scheme in schemes_for(household.municipality, parameters):
        result, status, _ = _describe(s, scheme)
        schemes.append(_unknown(s, scheme, status) if result is None else _scheme_output(result, status))
    norm_status = status_of(parameters, s.rests_on("norm"), household.date)
    share = known("energy_cost_share", float)
    return {
        "municipality": household.municipality,
        "date": household.date.isoformat(),
        "household_type": HOUSEHOLD_TYPES[int(one("household_type"))],
        "kostendelers": int(one("kostendelers")),
        "norm": {
            "monthly_excl_vakantietoeslag": euro(one("norm_excl_vakantietoeslag")),
            "vakantietoeslag_monthly": euro(one("vakantietoeslag")),
            "monthly_incl_vakantietoeslag": euro(one("norm")),
            **norm_status.fields(),
        },
        "income_net_month": known("income_net_month", euro),
        "income_ratio": known("income_ratio", lambda r: round(float(r), 4)),
        "disposable_income_month": _disposable(s, schemes),
        "schemes": schemes,
        "provisional": norm_status.status == PROVISIONAL or any(x["status"] == PROVISIONAL for x in schemes),
        "indicators": {
            "energy_cost_share": round(share, 4) if share not in (None, float("inf")) else None,
            "energy_poverty": known("energy_poverty", bool),
        },
        "trace": s.trace or [],
    }


def _disposable(s: Simulation, schemes: list[dict[str, Any]]) -> float | None:
    """Disposable income, or None ("onbekend") when a scheme it adds up is unknown on the date."""
    if any(x["status"] == UNKNOWN for x in schemes):
        return None
    try:
        return euro(s("disposable_income")[0])
    except CoverageError:
        return None


def require_final(result: dict[str, Any]) -> None:
    """Refuse a result that rests on provisional figures (``--final-only``): an :class:`InputError`
    naming each provisional scheme (and the norm) and the day its published values end."""
    late = [("norm", result["norm"])] if result["norm"]["status"] == PROVISIONAL else []
    late += [(x["id"], x) for x in result["schemes"] if x["status"] == PROVISIONAL]
    if late:
        raise InputError(
            [
                InputProblem(
                    "date",
                    f"{name}: published values end on {x['values_until']}, got {result['date']} "
                    "(final results only)",
                )
                for name, x in late
            ]
        )


def persons_where(household: Household, variable: str, parameters: ParameterSet | None = None) -> list[str]:
    """The ids of the persons for whom a yes/no person variable holds on the peildatum: e.g. who
    gets a scheme's budget on the city pass (``meedoenregeling_persoon``)."""
    s = Simulation(from_households([household]), parameters or default_parameters())
    return [p.id for p, yes in zip(household.persons, s(variable).tolist(), strict=True) if yes]


def products(municipality: str, parameters: ParameterSet | None = None) -> list[str]:
    """The products on the municipality's bijzondere bijstand list (empty where it has none)."""
    return product_list(parameters or default_parameters(), municipality)


def product_cost(
    household: Household,
    product: str,
    price_cents: int,
    name: str,
    parameters: ParameterSet | None = None,
) -> dict[str, Any]:
    """What a cost of ``price_cents`` for ``product`` (``name`` in the sentence) costs the household
    and the municipality under the bijzondere bijstand, JSON-ready (euro; None = onbekend, never 0),
    with the draagkracht figures it rests on and the municipality's product list."""
    parameters = parameters or default_parameters()
    check_municipality(household.municipality, parameters)
    parameters.check_covered(household.date)
    s = Simulation(from_households([household]), parameters)
    v = bijzondere_bijstand_vergoeding(s, product, price_cents)
    known = draagkracht_known(s)

    def money(cents: int | None) -> float | None:
        return None if cents is None else euro(cents)

    total = int(s("bijzondere_bijstand_draagkracht")[0]) if known else None
    assets = int(s("bijzondere_bijstand_vermogen_boven_grens")[0]) if known else None
    return {
        "municipality": household.municipality,
        "date": household.date.isoformat(),
        "product": product,
        "products": producten(s),
        "on_list": v.op_lijst,
        "possible": v.mogelijk,
        "price": euro(v.prijs),
        "maximum": money(v.maximum),
        "own_share": money(v.eigen_deel),
        "municipality_share": money(v.gemeente_deel),
        "loan": v.lening,
        "via": v.via,
        "text": v.tekst(name),
        "draagkracht": {
            "counted": money(v.draagkracht),  # for this product: 0 where its draagkracht does not count
            "total": money(total),
            "income_month": money(int(s("income_net_month")[0])),
            "limit_month": money(int(s("bijzondere_bijstand_draagkrachtgrens")[0]) if known else None),
            "percentage": float(s.local(f"{DRAAGKRACHT}.percentage")) if known else None,
            "period_months": int(s.local(f"{DRAAGKRACHT}.periode_maanden")) if known else None,
            "from_income": money(None if total is None or assets is None else total - assets),
            "from_assets": money(assets),
        },
    }


__all__ = ["FINAL", "PROVISIONAL", "UNKNOWN", "Reason", "entitlements", "require_final"]
