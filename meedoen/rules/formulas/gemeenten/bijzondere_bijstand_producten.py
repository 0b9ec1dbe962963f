"""The product list of the bijzondere bijstand: what a product costs the household and the municipality.

Each municipality's ``bijzondere_bijstand_producten.yaml`` lists products (a node each) with ``prijs``
(the amount or maximum the municipality pays, EUR), ``draagkracht`` (whether the draagkracht is
deducted, bool) and optionally ``lening`` (given as a loan) and ``via`` (another route, such as a
foundation). :func:`bijzondere_bijstand_vergoeding` answers "a laptop of € 600: you pay € x, the
municipality pays € y" for the household of a check, from the list and the household's draagkracht
(``formulas/gemeenten/bijzondere_bijstand.py``); an amount not found stays unknown (None), never €0.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand import BB, draagkracht_known
from meedoen.rules.local_parameter_rules import REQUIRED_PER_ENTRY
from meedoen.rules.money import euro_text
from meedoen.rules.parameters import ParameterSet

PRODUCTEN = f"{BB}_producten"
# What every product of a list must say (checked when the parameters are loaded).
REQUIRED = REQUIRED_PER_ENTRY[PRODUCTEN]


@dataclass(frozen=True)
class Vergoeding:
    """The split of one cost between the household and the municipality (cents; None = unknown)."""

    product: str
    prijs: int
    mogelijk: bool
    op_lijst: bool
    maximum: int | None
    draagkracht: int | None
    eigen_deel: int | None
    gemeente_deel: int | None
    lening: bool = False
    via: str | None = None

    def tekst(self, naam: str) -> str:
        """The answer in plain Dutch (B1)."""
        head = f"{naam} van {euro_text(self.prijs)}"
        if self.via:
            return f"{head}: dit vraagt u aan bij {self.via}, niet als bijzondere bijstand."
        if not self.mogelijk:
            return f"{head}: u betaalt dit zelf. Bijzondere bijstand is voor u niet mogelijk."
        if self.gemeente_deel is None:
            return f"{head}: wat u zelf betaalt en wat de gemeente betaalt, rekent de gemeente uit."
        eigen, gemeente = euro_text(self.eigen_deel), euro_text(self.gemeente_deel)
        out = f"{head}: u betaalt {eigen}, de gemeente betaalt {gemeente}."
        if self.lening and self.gemeente_deel:
            out += " Het deel van de gemeente krijgt u meestal als lening."
        return out


_LISTS: weakref.WeakKeyDictionary[ParameterSet, dict[str, list[str]]] = weakref.WeakKeyDictionary()


def product_list(parameters: ParameterSet, municipality: str) -> list[str]:
    """The products on the municipality's list (empty without a list); cached per parameter set, so
    one household's check does not scan every parameter path."""
    lists = _LISTS.setdefault(parameters, {})
    if municipality not in lists:
        prefix = f"gemeenten.{municipality}.{PRODUCTEN}."
        paths = parameters.under(prefix.rstrip("."))
        lists[municipality] = sorted({p[len(prefix) :].split(".")[0] for p in paths})
    return lists[municipality]


def producten(s: Simulation) -> list[str]:
    """The products on the list of the simulation's municipality."""
    return product_list(s.parameters, s.pop.municipality)


def _product(s: Simulation, product: str, name: str, default: object = None) -> object:
    path = f"{PRODUCTEN}.{product}.{name}"
    return s.local(path) if f"gemeenten.{s.pop.municipality}.{path}" in s.parameters else default


def bijzondere_bijstand_vergoeding(s: Simulation, product: str, price_cents: int) -> Vergoeding:
    """For the first household of ``s``: a cost of ``price_cents`` for ``product``. On the list, the
    municipality pays up to the list's amount minus the draagkracht (where it applies); a product
    not on the list is judged by the consultant, and the check then counts the whole price."""
    mogelijk = bool(s("bijzondere_bijstand")[0])
    op_lijst = product in producten(s)
    maximum: int | None = None
    applies, lening, via = True, False, None
    if op_lijst:
        path = f"gemeenten.{s.pop.municipality}.{PRODUCTEN}.{product}.prijs"
        known = s.parameters[path].confidence_at(s.d) != "not_found"
        maximum = int(s.local(f"{PRODUCTEN}.{product}.prijs")) if known else None
        applies = bool(_product(s, product, "draagkracht", True))
        lening = bool(_product(s, product, "lening", False))
        via = _product(s, product, "via")
    draagkracht = (
        (int(s("bijzondere_bijstand_draagkracht")[0]) if draagkracht_known(s) else None) if applies else 0
    )
    if via or not mogelijk:
        return Vergoeding(
            product, price_cents, mogelijk, op_lijst, maximum, draagkracht, price_cents, 0, lening, via
        )
    covered = min(price_cents, maximum) if maximum is not None else (None if op_lijst else price_cents)
    if covered is None or draagkracht is None:
        return Vergoeding(product, price_cents, mogelijk, op_lijst, maximum, draagkracht, None, None, lening)
    gemeente = max(covered - draagkracht, 0)
    return Vergoeding(
        product,
        price_cents,
        mogelijk,
        op_lijst,
        maximum,
        draagkracht,
        price_cents - gemeente,
        gemeente,
        lening,
    )
