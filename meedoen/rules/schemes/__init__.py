"""How each scheme (regeling) is reported for one household: amount, reasons, sources.

The amounts come from the formulas; a scheme module turns them into the contract's scheme entry,
with reasons in plain Dutch (B1) that are computed from the same values, never written per case.
Every module registers one :class:`Scheme` in ``SCHEMES``, in the order residents see them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from meedoen.rules.engine import Simulation


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass
class SchemeResult:
    id: str
    name: str
    eligible: bool
    amount_cents: int
    period: str
    reasons: list[Reason]
    sources: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    describe: Callable[[Simulation], SchemeResult]
    municipalities: frozenset[str] | None = None  # None: national, for everyone


SCHEMES: list[Scheme] = []


def scheme(id: str, name: str, municipalities: set[str] | None = None):
    """Register a scheme's describer for the one household of a simulation."""

    def register(
        describe: Callable[[Simulation], SchemeResult],
    ) -> Callable[[Simulation], SchemeResult]:
        SCHEMES.append(Scheme(id, name, describe, frozenset(municipalities) if municipalities else None))
        return describe

    return register


def one(s: Simulation, name: str) -> int:
    """The value of a variable for the one household of a check, as a Python int."""
    return int(s(name)[0])


def source(s: Simulation, path: str) -> str:
    return s.parameters[path].source()


def schemes_for(municipality: str) -> list[Scheme]:
    return [s for s in SCHEMES if s.municipalities is None or municipality in s.municipalities]


from meedoen.rules.schemes import (  # noqa: E402, F401, I001  (registers, in the order shown)
    bijstand,
    zorgtoeslag,
    huurtoeslag,
    kinderbijslag,
    kindgebonden_budget,
)
