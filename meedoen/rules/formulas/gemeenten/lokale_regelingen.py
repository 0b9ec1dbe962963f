"""The money value of the municipal regelingen, for the household's monthly income picture.

Every local scheme that gives money or something worth money has one household variable
``<scheme>_waarde_maand`` (cents per month): a money scheme at its amount, an in-kind scheme at its
valuation (city pass budget, the premium advantage of the collective insurance, kwijtschelding per
year / 12, an energy supplement). ``VALUED_SCHEMES`` lists them; ``lokale_regelingen_maand`` sums them
where the municipality has the scheme and its valuation is known, so disposable income (and the
minima-effect report and the simulation that read it) count local policy.

A valuation is *unknown* when a money parameter (unit EUR) of the scheme is marked
``confidence: not_found`` on the peildatum: such a scheme is not summed (never counted as a silent
€0) and :func:`unvalued_schemes` names it, so reports can say which schemes were left out.
"""

from __future__ import annotations

import datetime as dt
import weakref

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.money import round_div
from meedoen.rules.parameters import ParameterSet
from meedoen.rules.periods import to_int

SUFFIX = "_waarde_maand"

# Names of household variables ``<scheme>_waarde_maand`` (cents per month). Owners of a scheme add the
# name of its valuation here; ``<scheme>`` must be the scheme's parameter node under gemeenten/<m>/.
VALUED_SCHEMES: tuple[str, ...] = (
    "individuele_inkomenstoeslag_waarde_maand",
    "meedoenregeling_waarde_maand",
    "kwijtschelding_waarde_maand",
    "stadspas_waarde_maand",
    "collectieve_zorgverzekering_waarde_maand",
    "kindregeling_waarde_maand",
)


def scheme_of(valued: str) -> str:
    """The scheme (parameter node) a valuation variable belongs to."""
    return valued.removesuffix(SUFFIX)


_STATUS: weakref.WeakKeyDictionary[ParameterSet, dict[tuple[str, int], dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)


def valuation_status(parameters: ParameterSet, municipality: str, date: dt.date | int) -> dict[str, str]:
    """For each valued scheme: ``valued``, ``absent`` (the municipality does not have it) or
    ``unknown`` (a money parameter of the scheme is ``not_found`` on the date). Cached per
    parameter set, municipality and date: one household's check must stay within its 2 ms."""
    d = date if isinstance(date, int) else to_int(date)
    per_set = _STATUS.setdefault(parameters, {})
    key = (municipality, d)
    if key not in per_set or set(per_set[key]) != set(VALUED_SCHEMES):
        per_set[key] = _status(parameters, municipality, d)
    return per_set[key]


def _status(parameters: ParameterSet, municipality: str, date: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for valued in VALUED_SCHEMES:
        node = f"gemeenten.{municipality}.{scheme_of(valued)}"
        if not parameters.has_node(node):
            out[valued] = "absent"
            continue
        out[valued] = "unknown" if not_found_amounts(parameters, node, date) else "valued"
    return out


_NOT_FOUND: weakref.WeakKeyDictionary[ParameterSet, dict[tuple[str, int], tuple[str, ...]]] = (
    weakref.WeakKeyDictionary()
)


def not_found_amounts(parameters: ParameterSet, node: str, date: int) -> tuple[str, ...]:
    """The money parameters under ``node`` marked ``not_found`` on the date (before its first value,
    a parameter's first mark counts). Cached: a household's check asks for them on every run."""
    per_set = _NOT_FOUND.setdefault(parameters, {})
    if (node, date) not in per_set:
        per_set[(node, date)] = tuple(
            path
            for path in parameters.under(node)
            if parameters[path].unit == "EUR" and parameters[path].confidence_at(date) == "not_found"
        )
    return per_set[(node, date)]


def unvalued_schemes(parameters: ParameterSet, municipality: str, date: dt.date | int) -> list[str]:
    """The schemes the municipality has whose money value is not known: not counted in income."""
    status = valuation_status(parameters, municipality, date)
    return [scheme_of(v) for v, state in status.items() if state == "unknown"]


@variable(HOUSEHOLD, "Individuele inkomenstoeslag omgerekend per maand", "EUR", helper=True)
def individuele_inkomenstoeslag_waarde_maand(s: Simulation) -> np.ndarray:
    """The IIT is paid once a year: a twelfth of it per month."""
    return round_div(s("individuele_inkomenstoeslag"), 12)


@variable(HOUSEHOLD, "Meedoen-regeling omgerekend per maand", "EUR", helper=True)
def meedoenregeling_waarde_maand(s: Simulation) -> np.ndarray:
    """A yearly amount per adult: a twelfth of it per month."""
    return round_div(s("meedoenregeling"), 12)


@variable(HOUSEHOLD, "Gemeentelijke regelingen omgerekend per maand", "EUR", helper=True)
def lokale_regelingen_maand(s: Simulation) -> np.ndarray:
    """The sum of the valued local schemes the municipality has, in money per month; a scheme whose
    value was not found is left out (and named by :func:`unvalued_schemes`), never counted as €0."""
    status = valuation_status(s.parameters, s.pop.municipality, s.d)
    total = np.zeros(s.pop.size, dtype=np.int64)
    for valued in VALUED_SCHEMES:
        if status[valued] == "valued":
            total = total + s(valued)
        elif status[valued] == "unknown":  # the sum rests on the figures not found (a reform may give them)
            for path in not_found_amounts(
                s.parameters, f"gemeenten.{s.pop.municipality}.{scheme_of(valued)}", s.d
            ):
                if s.parameters[path].starts[0] <= s.d:
                    s.history(path)
    return total
