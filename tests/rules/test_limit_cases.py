"""Every known limit of a local scheme is pinned by YAML cases: one exactly at the limit and one a cent
over, for each municipality that has the scheme.

The limits come from the data, so a new scheme or municipality without such cases fails here:
- income limits: ``gemeenten/<m>/<scheme>.yaml`` ``inkomensgrens`` and its variants
  ``inkomensgrens_<variant>``; a case at the limit expects ``<scheme>_inkomensgrens`` equal to the
  household's net income and the scheme met, its pair has a cent more income and the scheme not met;
- the assets limit (Participatiewet art. 34) of every local scheme whose right has the assets
  condition (the scheme registry): ``vermogensgrens`` equal to the assets, the pair a cent more;
- the draagkracht limit of bijzondere bijstand: ``bijzondere_bijstand_draagkrachtgrens`` equal to the
  income with a nil draagkracht, the pair a draagkracht above nil;
- kwijtschelding's costs of existence (the municipality's share of the norm):
  ``kwijtschelding_kosten_van_bestaan`` equal to the income with a nil payment capacity, the pair a
  capacity above nil;
- energy poverty's share: energy costs exactly that share of the expected ``disposable_income``
  (not energy-poor), the pair a cent more (energy-poor).
A pair counts when it is dated on or after the limit's current value. A limit that is
``confidence: not_found`` (for assets: the scheme's income limit; for the draagkracht: any of its
rules) is exempt and reported as a skip naming it (``pytest -rs``).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

import meedoen.rules.entitlements  # noqa: F401  (registers the schemes)
from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand import BB, DRAAGKRACHT, DRAAGKRACHT_RULE
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS
from meedoen.rules.formulas.gemeenten.kwijtschelding import KWIJTSCHELDING
from meedoen.rules.formulas.nl.participatiewet.bijstand import LIMITS as VERMOGENSGRENS
from meedoen.rules.household import parse_household
from meedoen.rules.parameter_model import Parameter
from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet, default_parameters, load_tree
from meedoen.rules.periods import from_int
from meedoen.rules.population import from_households
from meedoen.rules.schemes import SCHEMES
from tests.rules.case_runner import household_json, load_cases

LIMIT = "inkomensgrens"
# Which households a variant of the limit applies to (``inkomensgrenzen.limit``), in the order the
# formula applies them (a later one wins): the household variable that is true (non-zero) for them.
VARIANTS = {
    f"{LIMIT}_met_kinderen": "minor_children",
    f"{LIMIT}_paar_met_kind": "individuele_inkomenstoeslag_paar_met_kind",
}
# The variables that say whether a household meets the scheme: the scheme itself, its right, its
# income condition (``<scheme>``, ``<scheme>_recht``, ``<scheme>_inkomen_binnen_grens``).
ELIGIBLE = ("", "_recht", "_inkomen_binnen_grens")
KOSTEN = "kosten_van_bestaan_percentage"  # kwijtschelding: the municipality's share of the norm
CAPACITY = f"{KWIJTSCHELDING}_betalingscapaciteit"
DRAAGKRACHT_LIMIT = f"{DRAAGKRACHT.removeprefix(f'{BB}.')}.{LIMIT}"  # under gemeenten/<m>/bijzondere_bijstand
ENERGY, ENERGY_LIMIT = "energy_poverty", "grens"  # energiearmoede.grens: a share of disposable income
CENT = Decimal("0.01")
PARAMETERS = default_parameters()
CASES = load_cases()
LOCAL = [x.parameters for x in SCHEMES if x.parameters]
WITH_ASSETS = {x.parameters for x in SCHEMES if x.parameters and ASSETS in [c.variable for c in x.conditions]}


def _money(value: Any) -> Decimal:
    return Decimal(str(value))


FIGURES: dict[str, Callable[[dict[str, Any]], Decimal]] = {
    "income": lambda case: sum((_money(p.get("net_income_month", 0)) for p in case["persons"]), Decimal(0)),
    "assets": lambda case: _money(case.get("assets", 0)),
    "energy": lambda case: _money(case.get("housing", {}).get("energy_cost_month", 0)),
}


def _shape(case: dict[str, Any], date: Any, of: str) -> str:
    """The household without one of its ``FIGURES``: two cases of one shape differ only in it."""
    drop = {"name", "source", "expect", "expect_by_date", "expect_persons", "persons"}
    persons = case["persons"]
    if of == "income":
        persons = [{k: v for k, v in p.items() if k != "net_income_month"} for p in persons]
    elif of == "assets":
        drop.add("assets")
    rest = {k: v for k, v in case.items() if k not in drop}
    if of == "energy":
        rest["housing"] = {k: v for k, v in rest.get("housing", {}).items() if k != "energy_cost_month"}
    return json.dumps(
        {**rest, "persons": persons, "date": str(date), "m": case.get("municipality", "arnhem")},
        sort_keys=True,
        default=str,
    )


def _of_scheme(expect: dict[str, Any], scheme: str, met: bool) -> bool:
    """Whether the case expects the scheme met (its right, income condition or amount: true or
    positive, none false) or, with ``met`` False, not met (one of them false or nil)."""
    values = [expect[f"{scheme}{end}"] for end in ELIGIBLE if f"{scheme}{end}" in expect]
    return bool(values) and all(values) if met else not all(values)


def _variant(case: dict[str, Any], date: dt.date, municipality: str, scheme: str) -> str:
    """The limit parameter that applies to the case's household (the engine's own conditions)."""
    s = Simulation(from_households([parse_household(household_json(case, date))]))
    name = LIMIT
    for variant, condition in VARIANTS.items():
        if f"gemeenten.{municipality}.{scheme}.{variant}" in PARAMETERS and s(condition)[0]:
            name = variant
    return name


Pair = Callable[[dict[str, Any]], bool]  # whether a pair's expectations are those a cent over


def _at(case: dict[str, Any], date: dt.date, expect: dict[str, Any]) -> Iterator[tuple[str, str, str, Pair]]:
    """The limits the case sits exactly at: (figure, scheme, limit parameter, test of its pair)."""
    m = case.get("municipality", "arnhem")
    income = FIGURES["income"](case)
    for key, value in expect.items():
        if key.endswith(f"_{LIMIT}") and _money(value) == income:
            scheme = key.removesuffix(f"_{LIMIT}")
            if _of_scheme(expect, scheme, met=True):
                yield (
                    "income",
                    scheme,
                    _variant(case, date, m, scheme),
                    lambda e, scheme=scheme: _of_scheme(e, scheme, False),
                )
        elif key == "vermogensgrens" and _money(value) == FIGURES["assets"](case):
            for scheme in (x for x in LOCAL if _of_scheme(expect, x, met=True)):
                yield "assets", scheme, ASSETS, lambda e, scheme=scheme: _of_scheme(e, scheme, False)
        elif (
            key == f"{BB}_draagkrachtgrens"
            and _money(value) == income
            and expect.get(f"{BB}_draagkracht") == 0
        ):
            yield (
                "income",
                BB,
                DRAAGKRACHT_LIMIT,
                lambda e: e.get(f"{BB}_draagkracht", 0) > 0,
            )
        elif key == f"{KWIJTSCHELDING}_kosten_van_bestaan" and _money(value) == income:
            if expect.get(CAPACITY) == 0:
                yield "income", KWIJTSCHELDING, KOSTEN, lambda e: e.get(CAPACITY, 0) > 0
        elif key == "disposable_income" and expect.get(ENERGY) is False:
            path = f"gemeenten.{m}.energiearmoede.{ENERGY_LIMIT}"
            share = PARAMETERS[path].at(date) if path in PARAMETERS else None
            if share is not None and FIGURES["energy"](case) == _money(share) * _money(value):
                yield "energy", "energiearmoede", ENERGY_LIMIT, lambda e: e.get(ENERGY) is True


def _pinned() -> dict[tuple[str, str, str], list[dt.date]]:
    """(municipality, scheme, limit parameter) -> the dates of the case pairs that pin it."""
    over: dict[str, dict[tuple[str, Decimal], list[dict[str, Any]]]] = {of: {} for of in FIGURES}
    for _, case, date, expect in CASES:
        for of, figure in FIGURES.items():
            over[of].setdefault((_shape(case, date, of), figure(case)), []).append(expect)
    out: dict[tuple[str, str, str], list[dt.date]] = {}
    for _, case, date, expect in CASES:
        for of, scheme, name, is_over in _at(case, date, expect):
            pairs = over[of].get((_shape(case, date, of), FIGURES[of](case) + CENT), [])
            if any(is_over(e) for e in pairs):
                out.setdefault((case.get("municipality", "arnhem"), scheme, name), []).append(date)
    return out


def _not_found(param: Parameter) -> bool:
    return param.confidence_at(param.starts[-1]) == "not_found"


def _limits(parameters: ParameterSet) -> list[tuple[str, str, str]]:
    """(municipality, scheme, limit parameter) for every limit in the parameter tree (``ASSETS``:
    the assets limit of a scheme with the assets condition)."""
    out = []
    for path in parameters.paths():
        parts = path.split(".")
        if parts[0] != "gemeenten":
            continue
        m, scheme, name = parts[1], parts[2], ".".join(parts[3:])
        if name == LIMIT or name.startswith(f"{LIMIT}_"):
            out.append((m, scheme, name))
            if name == LIMIT and scheme in WITH_ASSETS:
                out.append((m, scheme, ASSETS))
        elif f"{scheme}.{name}" in (
            f"{BB}.{DRAAGKRACHT_LIMIT}",
            f"{KWIJTSCHELDING}.{KOSTEN}",
            f"energiearmoede.{ENERGY_LIMIT}",
        ):
            out.append((m, scheme, name))
    return out


def _rests_on(municipality: str, scheme: str, name: str) -> list[Parameter]:
    """The parameters the limit rests on: one not_found exempts it; the latest start dates its cases."""
    node = f"gemeenten.{municipality}.{scheme}"
    if name == ASSETS:
        return [PARAMETERS[f"{node}.{LIMIT}"], *(PARAMETERS[p] for p in PARAMETERS.under(VERMOGENSGRENS))]
    if (scheme, name) == (BB, DRAAGKRACHT_LIMIT):
        return [PARAMETERS[f"gemeenten.{municipality}.{DRAAGKRACHT}.{rule}"] for rule in DRAAGKRACHT_RULE]
    return [PARAMETERS[f"{node}.{name}"]]


PINNED = _pinned()
LIMITS = _limits(PARAMETERS)


@pytest.mark.parametrize(("municipality", "scheme", "name"), LIMITS, ids=[".".join(x) for x in LIMITS])
def test_known_limit_has_cases_at_the_limit_and_one_cent_over(municipality, scheme, name):
    params = _rests_on(municipality, scheme, name)
    unknown = [p.path for p in params if _not_found(p)]
    if unknown:
        pytest.skip(f"exempt: {', '.join(unknown)} not_found")
    since = from_int(max(p.starts[-1] for p in params))
    assert any(date >= since for date in PINNED.get((municipality, scheme, name), [])), (
        f"no YAML case pins the limit {name} of {scheme} in {municipality} (since {since}): add to "
        f"tests/rules/cases/gemeenten/{scheme}_grenzen.yaml a household of {municipality} exactly at the "
        f"limit and the same household a cent over, dated {since} or later (what each expects: "
        f"tests/rules/test_limit_cases.py)"
    )


def test_limits_come_from_the_parameters(tmp_path):
    """The schemes come from the data: the three municipalities' schemes are found, and a scheme
    added by a parameter file alone (a youth fund with a known limit) is required to have cases."""
    found = {(m, s) for m, s, _ in LIMITS}
    assert ("arnhem", "stadspas") in found and ("nijmegen", "meedoenregeling") in found
    root = tmp_path / "parameters"
    shutil.copytree(PARAMETER_ROOT, root)
    (root / "gemeenten/arnhem/jeugdfonds.yaml").write_text(
        "description: Jeugdfonds (test).\nmetadata:\n  covered_until: 2026-12-31\n"
        '  reference: [{title: Gemeente Arnhem (test), href: "https://www.arnhem.nl"}]\n'
        "inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.25}}\n",
        encoding="utf-8",
    )
    new = ("arnhem", "jeugdfonds", LIMIT)
    assert new in _limits(ParameterSet(load_tree(root))) and new not in PINNED
