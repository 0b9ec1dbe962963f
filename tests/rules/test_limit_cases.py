"""Every known income limit of a local scheme is pinned by YAML cases: one at the limit (eligible)
and one a cent over (not eligible), for each municipality that has the scheme.

The limits come from the parameter tree (``gemeenten/<m>/<scheme>.yaml``: ``inkomensgrens`` and its
variants ``inkomensgrens_<variant>``), so a new scheme or municipality without such cases fails here.
A limit whose current value is ``confidence: not_found`` is exempt: it is reported as a skip with its
path (``pytest -rs``). A case pins a limit when it expects ``<scheme>_inkomensgrens`` equal to the
household's net income, on or after the date of the limit's current value, and expects the scheme to
be met; its pair is the same household a cent richer with the scheme not met (any case file).

The same holds for the assets limit (Participatiewet art. 34) of every local scheme whose right has
the assets condition (the scheme registry's conditions): a case expects ``vermogensgrens`` equal to
the household's assets with the scheme met, its pair has a cent more and the scheme not met, dated on
or after the limit's current value, for each municipality where the scheme's income limit is known.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from typing import Any

import pytest

import meedoen.rules.entitlements  # noqa: F401  (registers the schemes)
from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand import BB, DRAAGKRACHT, DRAAGKRACHT_RULE
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS
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
CENT = Decimal("0.01")
ENERGY, ENERGY_LIMIT = "energy_poverty", "energiearmoede.grens"  # a share of what the household lives on
DRAAGKRACHTGRENS, DRAAGKRACHT_VAR = f"{BB}_draagkrachtgrens", f"{BB}_draagkracht"
PARAMETERS = default_parameters()
CASES = load_cases()


def _limits(parameters: ParameterSet) -> list[tuple[str, str, str]]:
    """(municipality, scheme, limit parameter) for every income limit in the parameter tree."""
    out = []
    for path in parameters.paths():
        parts = path.split(".")
        if (
            len(parts) == 4
            and parts[0] == "gemeenten"
            and (parts[3] == LIMIT or parts[3].startswith(f"{LIMIT}_"))
        ):
            out.append((parts[1], parts[2], parts[3]))
    return out


def _income(case: dict[str, Any]) -> Decimal:
    return sum((Decimal(str(p.get("net_income_month", 0))) for p in case["persons"]), Decimal(0))


def _assets(case: dict[str, Any]) -> Decimal:
    return Decimal(str(case.get("assets", 0)))


def _energy(case: dict[str, Any]) -> Decimal:
    return Decimal(str(case.get("housing", {}).get("energy_cost_month", 0)))


FIGURES = {"income": _income, "assets": _assets, "energy": _energy}


def _shape(case: dict[str, Any], date: Any, of: str) -> str:
    """The household without one of its ``FIGURES`` (income, assets or energy costs): two cases of
    one shape differ only in that figure."""
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


def _over(of: str) -> dict[tuple[str, Decimal], list[dict[str, Any]]]:
    """The expectations of every case by its shape and its income or assets."""
    figure = FIGURES[of]
    out: dict[tuple[str, Decimal], list[dict[str, Any]]] = {}
    for _, case, date, expect in CASES:
        out.setdefault((_shape(case, date, of), figure(case)), []).append(expect)
    return out


def _pinned() -> dict[tuple[str, str, str], list[dt.date]]:
    """(municipality, scheme, limit parameter) -> the dates of the case pairs that pin it; the
    assets limit under the parameter name ``ASSETS``."""
    over = {of: _over(of) for of in FIGURES}
    out: dict[tuple[str, str, str], list[dt.date]] = {}
    for _, case, date, expect in CASES:
        municipality = case.get("municipality", "arnhem")
        for key, value in expect.items():
            if key.endswith(f"_{LIMIT}"):
                scheme, of, figure = key.removesuffix(f"_{LIMIT}"), "income", _income(case)
                schemes = [scheme]
            elif key == DRAAGKRACHTGRENS:
                if Decimal(str(value)) == _income(case) and expect.get(DRAAGKRACHT_VAR) == 0:
                    above = over["income"].get((_shape(case, date, "income"), _income(case) + CENT), [])
                    if any(e.get(DRAAGKRACHT_VAR, 0) > 0 for e in above):
                        out.setdefault((municipality, BB, DRAAGKRACHT), []).append(date)
                continue
            elif key == "disposable_income" and expect.get(ENERGY) is False:
                share = PARAMETERS[f"gemeenten.{municipality}.{ENERGY_LIMIT}"].at(date)
                if _energy(case) == Decimal(str(share)) * Decimal(str(value)):
                    above = over["energy"].get((_shape(case, date, "energy"), _energy(case) + CENT), [])
                    if any(e.get(ENERGY) is True for e in above):
                        out.setdefault((municipality, *ENERGY_LIMIT.split(".")), []).append(date)
                continue
            elif key == "vermogensgrens":
                of, figure = "assets", _assets(case)
                schemes = [x.parameters for x in SCHEMES if x.parameters]
            else:
                continue
            if Decimal(str(value)) != figure:
                continue
            pairs = over[of].get((_shape(case, date, of), figure + CENT), [])
            for scheme in schemes:
                if _of_scheme(expect, scheme, met=True) and any(_of_scheme(e, scheme, False) for e in pairs):
                    name = _variant(case, date, municipality, scheme) if of == "income" else ASSETS
                    out.setdefault((municipality, scheme, name), []).append(date)
    return out


def _asset_limits(parameters: ParameterSet) -> list[tuple[str, str]]:
    """(municipality, scheme) for every local scheme with the assets condition in the registry."""
    with_assets = {
        x.parameters for x in SCHEMES if x.parameters and ASSETS in [c.variable for c in x.conditions]
    }
    return [(m, scheme) for m, scheme, name in _limits(parameters) if name == LIMIT and scheme in with_assets]


def _not_found(param: Parameter) -> bool:
    return param.confidence_at(param.starts[-1]) == "not_found"


PINNED = _pinned()
LIMITS = _limits(PARAMETERS)
ASSET_SCHEMES = _asset_limits(PARAMETERS)


@pytest.mark.parametrize(("municipality", "scheme", "name"), LIMITS, ids=[".".join(x) for x in LIMITS])
def test_known_limit_has_cases_at_the_limit_and_one_cent_over(municipality, scheme, name):
    param = PARAMETERS[f"gemeenten.{municipality}.{scheme}.{name}"]
    current = param.starts[-1]
    if _not_found(param):
        pytest.skip(f"exempt: gemeenten.{municipality}.{scheme}.{name} is not_found")
    since = from_int(current)
    assert any(date >= since for date in PINNED.get((municipality, scheme, name), [])), (
        f"no YAML case pins gemeenten.{municipality}.{scheme}.{name} ({param.at(current)} since {since}): "
        f"add to tests/rules/cases/gemeenten/{scheme}_grenzen.yaml a household of {municipality} at the "
        f"limit (expect {scheme}_{LIMIT} = its net income, and the scheme met) and the same household "
        f"a cent over (the scheme not met), dated {since} or later"
    )


@pytest.mark.parametrize(("municipality", "scheme"), ASSET_SCHEMES, ids=[".".join(x) for x in ASSET_SCHEMES])
def test_assets_limit_has_cases_at_the_limit_and_one_cent_over(municipality, scheme):
    if _not_found(PARAMETERS[f"gemeenten.{municipality}.{scheme}.{LIMIT}"]):
        pytest.skip(f"exempt: the income limit gemeenten.{municipality}.{scheme}.{LIMIT} is not_found")
    since = max(from_int(PARAMETERS[p].starts[-1]) for p in PARAMETERS.under(VERMOGENSGRENS))
    assert any(date >= since for date in PINNED.get((municipality, scheme, ASSETS), [])), (
        f"no YAML case pins the assets limit of {scheme} in {municipality}: add to "
        f"tests/rules/cases/gemeenten/{scheme}_grenzen.yaml a household of {municipality} with assets "
        f"at the limit (expect vermogensgrens = its assets, and the scheme met) and the same household "
        f"with a cent more (the scheme not met), dated {since} or later"
    )


DRAAGKRACHT_MUNICIPALITIES = [
    m for m, scheme, _ in LIMITS if scheme == BB and PARAMETERS.has_node(f"gemeenten.{m}.{DRAAGKRACHT}")
]


@pytest.mark.parametrize("municipality", DRAAGKRACHT_MUNICIPALITIES)
def test_draagkracht_limit_has_cases_at_the_limit_and_one_cent_over(municipality):
    rule = [PARAMETERS[f"gemeenten.{municipality}.{DRAAGKRACHT}.{name}"] for name in DRAAGKRACHT_RULE]
    unknown = [p.path for p in rule if _not_found(p)]
    if unknown:
        pytest.skip(f"exempt: {', '.join(unknown)} not_found (the draagkracht is unknown)")
    since = from_int(max(p.starts[-1] for p in rule))
    assert any(date >= since for date in PINNED.get((municipality, BB, DRAAGKRACHT), [])), (
        f"no YAML case pins the draagkracht limit of {municipality}: add to "
        f"tests/rules/cases/gemeenten/{BB}_grenzen.yaml a household at the limit (expect "
        f"{DRAAGKRACHTGRENS} = its net income, {DRAAGKRACHT_VAR} 0) and the same household a cent richer "
        f"({DRAAGKRACHT_VAR} above 0), dated {since} or later"
    )


ENERGY_MUNICIPALITIES = sorted(
    {
        p.split(".")[1]
        for p in PARAMETERS.paths()
        if p.startswith("gemeenten.") and p.endswith(f".{ENERGY_LIMIT}")
    }
)


@pytest.mark.parametrize("municipality", ENERGY_MUNICIPALITIES)
def test_energy_poverty_limit_has_cases_at_the_limit_and_one_cent_over(municipality):
    param = PARAMETERS[f"gemeenten.{municipality}.{ENERGY_LIMIT}"]
    if _not_found(param):
        pytest.skip(f"exempt: {param.path} is not_found")
    since = from_int(param.starts[-1])
    assert any(date >= since for date in PINNED.get((municipality, *ENERGY_LIMIT.split(".")), [])), (
        f"no YAML case pins {param.path}: add to tests/rules/cases/gemeenten/energiearmoede_grenzen.yaml "
        f"a household whose energy costs are exactly {param.at(param.starts[-1])} of its disposable_income "
        f"(expected, with {ENERGY} false) and the same household with a cent more ({ENERGY} true)"
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
