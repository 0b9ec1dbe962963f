"""The income test of the municipal regelingen: net income against a share of the reference norm.

Every municipality states its limits as a percentage of a bijstand norm (its ``referentienorm``);
the limit in euro is that share of the household's reference norm, rounded half up to the cent.
The income tested is the unit's own net income (``income_net_month``, as the contract defines).
Each regeling gets two variables from :func:`income_test`: its limit and the condition "income
within the limit", which the amount and the reason shown both use.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.money import round_half_up

ASSETS = "vermogen_binnen_grens"  # the assets condition every local regeling shares


def has(s: Simulation, name: str) -> bool:
    """Whether the municipality has the local parameter ``name`` (an optional rule, e.g. Arnhem's
    family supplement of the IIT)."""
    return f"gemeenten.{s.pop.municipality}.{name}" in s.parameters


def known(s: Simulation, name: str) -> bool:
    """Whether the municipality's amount ``name`` was found in a source on the peildatum. A
    ``confidence: not_found`` parameter holds a placeholder 0: its amount is unknown ("bedrag
    onbekend"), never €0."""
    path = f"gemeenten.{s.pop.municipality}.{name}"
    s.p(path)  # the result rests on it (trace, coverage)
    return s.parameters[path].confidence_at(s.d) != "not_found"


def limit(
    s: Simulation, scheme: str, with_children: bool = False, family: tuple[str, str] | None = None
) -> np.ndarray:
    """The scheme's income limit per month in cents; ``with_children`` uses the higher limit for
    households with minor children where the regeling has one; ``family`` = (condition variable,
    parameter name): a share of its own for the households of that condition, where the
    municipality has the parameter (Arnhem's IIT for two parents with a child of 12 to 17)."""
    share = s.local(f"{scheme}.inkomensgrens")
    if with_children:
        share = np.where(s("minor_children") > 0, s.local(f"{scheme}.inkomensgrens_met_kinderen"), share)
    if family is not None and has(s, f"{scheme}.{family[1]}"):
        share = np.where(s(family[0]), s.local(f"{scheme}.{family[1]}"), share)
    return round_half_up(share * s("reference_norm_exact"))


def income_test(
    scheme: str, label: str, *, with_children: bool = False, family: tuple[str, str] | None = None
) -> tuple[str, str]:
    """Register ``<scheme>_inkomensgrens`` (the limit per month) and ``<scheme>_inkomen_binnen_grens``
    (the condition) for a regeling named ``label``; returns their names."""
    limit_name, within_name = f"{scheme}_inkomensgrens", f"{scheme}_inkomen_binnen_grens"

    def the_limit(s: Simulation) -> np.ndarray:
        return limit(s, scheme, with_children, family)

    the_limit.__doc__ = "The regeling's share of the reference norm" + (
        ", a higher share for households with minor children." if with_children else "."
    )

    def within(s: Simulation) -> np.ndarray:
        return s("income_net_month") <= s(limit_name)

    within.__doc__ = "The unit's net income per month is at or below the regeling's limit."
    variable(
        HOUSEHOLD,
        f"Inkomensgrens {label} per maand",
        "EUR",
        name=limit_name,
        reference=f"local:{scheme}.inkomensgrens",
    )(the_limit)
    variable(
        HOUSEHOLD,
        f"Inkomen binnen de grens van de {label}",
        "bool",
        name=within_name,
        reference=f"local:{scheme}.inkomensgrens",
    )(within)
    return limit_name, within_name
