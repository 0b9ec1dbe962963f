"""The declaration of the rules: a variable is a named quantity with one formula per period of the
law, registered when its module is imported.

Every variable that computes a legal rule names it (``reference=``: an article, or the path of a
parameter whose source the trace cites); a step of arithmetic with no rule of its own says so
(``helper=True``); ``tests/rules/test_variable_references.py`` holds every registered variable to
one of the two. ``defined_for=`` names the boolean variable (same entity) outside of which the
variable is its nil value (0, False): the engine computes the condition and calls the formula only
where it can apply (see :meth:`meedoen.rules.engine.Simulation.rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np

from meedoen.rules.periods import to_int

if TYPE_CHECKING:
    from meedoen.rules.engine import Simulation

PERSON, HOUSEHOLD = "person", "household"
Formula = Callable[["Simulation"], np.ndarray]

# The nil value's type of a variable that a ``defined_for`` condition excludes everywhere (the
# formula is then not called, so its own type is unknown).
_NIL_DTYPES = {"bool": np.dtype(bool), "EUR": np.dtype(np.int64), "count": np.dtype(np.int64)}


@dataclass(frozen=True, eq=False)
class Variable:
    """A named quantity of the rules, computed by one formula per period of the law.

    When the law changes, a variable gets a new dated formula instead of an if-statement
    (``since``: the first day, as ``yyyymmdd``; 0 for the first version).
    """

    name: str
    entity: str
    label: str
    unit: str
    formula: Formula
    explanation: str
    since: int = 0
    reference: str | None = None  # an article ("Participatiewet art. 22a") or a parameter path
    helper: bool = False  # a step of arithmetic without a legal rule of its own
    defined_for: str | None = None  # the boolean variable outside of which the value is nil

    @property
    def nil_dtype(self) -> np.dtype:
        """The type of the nil value where ``defined_for`` does not hold."""
        return _NIL_DTYPES.get(self.unit, np.dtype(float))

    @cached_property
    def reference_path(self) -> str | None:
        """The parameter path the reference names (its source is cited in the trace), else None."""
        return self.reference if self.reference and is_path(self.reference) else None

    @cached_property
    def view(self) -> dict[str, str]:
        """The static part of this variable's trace record."""
        out = {
            "variable": self.name,
            "label": self.label,
            "entity": self.entity,
            "unit": self.unit,
            "step": self.explanation,
        }
        if self.reference and not is_path(self.reference):
            out["reference"] = self.reference
        if self.defined_for:
            out["defined_for"] = self.defined_for
        return out


def is_path(reference: str) -> bool:
    """Whether a variable's reference names a parameter (whose legal source is then cited)."""
    return reference.startswith(("nl.", "local:")) and " " not in reference


REGISTRY: dict[str, Variable] = {}  # the first version of each variable
_VERSIONS: dict[str, list[Variable]] = {}  # every version, latest first


def variable(
    entity: str,
    label: str,
    unit: str = "",
    *,
    name: str | None = None,
    since: str | None = None,
    reference: str | None = None,
    helper: bool = False,
    defined_for: str | None = None,
) -> Callable[[Formula], Formula]:
    """Register a formula under ``name`` (default: the function name); its docstring is the
    explanation. ``since`` (ISO date) adds a later version of an existing variable. ``reference``
    names the legal rule it computes: an article as text, or a parameter path (``nl.…``, or
    ``local:<name>`` for the municipality's parameter) whose source the trace cites; ``helper``
    marks a step of arithmetic with no rule of its own. ``defined_for`` names a boolean variable of
    the same entity: where it does not hold the value is nil and the formula is not asked for it
    (the formula returns either the whole column, which the engine masks, or the values at
    ``s.rows``, which the engine scatters)."""

    def register(formula: Formula) -> Formula:
        key = name or formula.__name__
        if defined_for is None and "rows" in formula.__code__.co_names:
            raise ValueError(f"{key!r} reads s.rows but is not defined_for a condition")
        start = to_int(dt.date.fromisoformat(since)) if since else 0
        doc = " ".join((formula.__doc__ or "").split())
        var = Variable(key, entity, label, unit, formula, doc, start, reference, helper, defined_for)
        versions = _VERSIONS.setdefault(key, [])
        if any(v.since == start for v in versions):
            raise ValueError(f"variable {key!r} is defined twice from the same date")
        if versions and (versions[0].entity, versions[0].unit) != (entity, unit):
            raise ValueError(f"versions of {key!r} differ in entity or unit")
        versions.append(var)
        versions.sort(key=lambda v: -v.since)
        REGISTRY.setdefault(key, var)
        in_force.cache_clear()
        return formula

    return register


def versions(name: str) -> list[Variable]:
    """Every version of a variable, latest first."""
    return list(_VERSIONS[name])


def all_versions() -> list[Variable]:
    """Every version of every registered variable."""
    return [v for vs in _VERSIONS.values() for v in vs]


@lru_cache(maxsize=64)
def in_force(d: int) -> dict[str, Variable]:
    """The version of every variable in force on ``d``."""
    return {
        name: next((v for v in versions if v.since <= d), versions[-1])
        for name, versions in _VERSIONS.items()
    }
