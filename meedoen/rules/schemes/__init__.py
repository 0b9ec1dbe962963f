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
from meedoen.rules.parameters import ParameterSet


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
    """A regeling shown to residents: national (for everyone), or local (``parameters`` names the
    folder a municipality needs to have it: a fourth municipality gets it by data alone)."""

    describe: Callable[[Simulation], SchemeResult]
    parameters: str | None = None


SCHEMES: list[Scheme] = []
Describer = Callable[[Simulation], SchemeResult]


def scheme(id: str, name: str) -> Callable[[Describer], Describer]:
    """Register a national scheme's describer (``id`` and ``name`` document it; the result
    carries them)."""

    def register(describe: Describer) -> Describer:
        SCHEMES.append(Scheme(describe))
        return describe

    return register


def local_scheme(parameters: str) -> Callable[[Describer], Describer]:
    """Register a municipal scheme, shown where ``gemeenten.<m>.<parameters>`` exists."""

    def register(describe: Describer) -> Describer:
        SCHEMES.append(Scheme(describe, parameters))
        return describe

    return register


def one(s: Simulation, name: str) -> int:
    """The value of a variable for the one household of a check, as a Python int."""
    return int(s(name)[0])


def source(s: Simulation, path: str) -> str:
    return s.parameters[path].source()


def schemes_for(municipality: str, parameters: ParameterSet) -> list[Scheme]:
    """The national schemes and the local ones this municipality has parameters for."""
    return [
        s
        for s in SCHEMES
        if s.parameters is None or parameters.has_node(f"gemeenten.{municipality}.{s.parameters}")
    ]


from meedoen.rules.schemes import (  # noqa: E402, F401, I001  (registers, in the order shown)
    bijstand,
    zorgtoeslag,
    huurtoeslag,
    kinderbijslag,
    kindgebonden_budget,
    studietoeslag,
    individuele_inkomenstoeslag,
    stadspas,
    meedoenregeling,
    kindregeling,
    collectieve_zorgverzekering,
    bijzondere_bijstand,
)
