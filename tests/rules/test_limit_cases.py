"""Every known income limit of a local scheme is pinned by YAML cases: one at the limit (eligible)
and one a cent over (not eligible), for each municipality that has the scheme.

The limits come from the parameter tree (``gemeenten/<m>/<scheme>.yaml``: ``inkomensgrens`` and its
variants ``inkomensgrens_<variant>``), so a new scheme or municipality without such cases fails here.
A limit whose current value is ``confidence: not_found`` is exempt: it is reported as a skip with its
path (``pytest -rs``). A case pins a limit when it expects ``<scheme>_inkomensgrens`` equal to the
household's net income, on or after the date of the limit's current value, and expects the scheme to
be met; its pair is the same household a cent richer with the scheme not met (any case file).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from typing import Any

import pytest

from meedoen.rules.engine import Simulation
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet, default_parameters, load_tree
from meedoen.rules.periods import from_int
from meedoen.rules.population import from_households
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


def _shape(case: dict[str, Any], date: Any) -> str:
    """The household without its income: two cases of one shape differ only in income."""
    persons = [{k: v for k, v in p.items() if k != "net_income_month"} for p in case["persons"]]
    rest = {
        k: v
        for k, v in case.items()
        if k not in ("name", "source", "expect", "expect_by_date", "expect_persons", "persons")
    }
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


def _pinned() -> dict[tuple[str, str, str], list[dt.date]]:
    """(municipality, scheme, limit parameter) -> the dates of the case pairs that pin it."""
    over: dict[tuple[str, Decimal], list[dict[str, Any]]] = {}
    for _, case, date, expect in CASES:
        over.setdefault((_shape(case, date), _income(case)), []).append(expect)
    out: dict[tuple[str, str, str], list[dt.date]] = {}
    for _, case, date, expect in CASES:
        municipality = case.get("municipality", "arnhem")
        for key, value in expect.items():
            if not key.endswith(f"_{LIMIT}"):
                continue
            scheme = key.removesuffix(f"_{LIMIT}")
            income = _income(case)
            if Decimal(str(value)) != income or not _of_scheme(expect, scheme, met=True):
                continue
            pairs = over.get((_shape(case, date), income + CENT), [])
            if any(_of_scheme(e, scheme, met=False) for e in pairs):
                variant = _variant(case, date, municipality, scheme)
                out.setdefault((municipality, scheme, variant), []).append(date)
    return out


PINNED = _pinned()
LIMITS = _limits(PARAMETERS)


@pytest.mark.parametrize(("municipality", "scheme", "name"), LIMITS, ids=[".".join(x) for x in LIMITS])
def test_known_limit_has_cases_at_the_limit_and_one_cent_over(municipality, scheme, name):
    param = PARAMETERS[f"gemeenten.{municipality}.{scheme}.{name}"]
    current = param.starts[-1]
    if param.confidence_at(current) == "not_found":
        pytest.skip(f"exempt: gemeenten.{municipality}.{scheme}.{name} is not_found")
    since = from_int(current)
    assert any(date >= since for date in PINNED.get((municipality, scheme, name), [])), (
        f"no YAML case pins gemeenten.{municipality}.{scheme}.{name} ({param.at(current)} since {since}): "
        f"add to tests/rules/cases/gemeenten/{scheme}_grenzen.yaml a household of {municipality} at the "
        f"limit (expect {scheme}_{LIMIT} = its net income, and the scheme met) and the same household "
        f"a cent over (the scheme not met), dated {since} or later"
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
