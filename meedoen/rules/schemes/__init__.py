"""How each scheme (regeling) is reported for one household: amount, reasons, sources.

The amounts come from the formulas; a scheme module turns them into the contract's scheme entry,
with reasons in plain Dutch (B1) that are computed from the same values, never written per case.
Every module registers one :class:`Scheme` in ``SCHEMES``, in the order residents see them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from meedoen.rules.engine import Simulation
from meedoen.rules.parameters import ParameterSet, Reference


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
    sources: list[Reference]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Condition:
    """What a resident reads when one eligibility condition is not met: a reason code and the
    text, computed from the engine's values (the limit, the household's own figure)."""

    code: str
    text: Callable[[Simulation], str]


@dataclass(frozen=True)
class BoundCondition:
    """A condition variable (bool per household, True = met) with its reason."""

    variable: str
    condition: Condition

    def reason(self, s: Simulation) -> Reason:
        return Reason(self.condition.code, self.condition.text(s))


def conditions(names: Sequence[str], reasons: Mapping[str, Condition]) -> tuple[BoundCondition, ...]:
    """A scheme's conditions in the order the formula module lists them (``names``: the same tuple
    the amount formula passes to ``all_conditions``), each with its reason. A name without a reason
    or a reason without a name is an error at import, so the two cannot drift apart."""
    missing, extra = set(names) - set(reasons), set(reasons) - set(names)
    if missing or extra:
        raise ValueError(
            f"conditions without a reason: {sorted(missing)}; without a condition: {sorted(extra)}"
        )
    return tuple(BoundCondition(name, reasons[name]) for name in names)


def first_failed(s: Simulation, bound: Sequence[BoundCondition]) -> Reason | None:
    """The reason of the first condition the household does not meet, or None when all hold."""
    for c in bound:
        if not bool(s(c.variable)[0]):
            return c.reason(s)
    return None


Naming = Callable[[Simulation], tuple[str, str]]


@dataclass(frozen=True)
class Scheme:
    """A regeling shown to residents: national (for everyone), or local (``parameters`` names the
    folder a municipality needs to have it: a fourth municipality gets it by data alone).
    ``conditions`` are the variables that decide the right (see :func:`conditions`); ``naming``
    gives id and name where a municipality names the scheme itself (the city pass)."""

    describe: Callable[[Simulation], SchemeResult]
    id: str
    name: str
    period: str
    parameters: str | None = None
    conditions: tuple[BoundCondition, ...] = ()
    naming: Naming | None = None

    def identity(self, s: Simulation) -> tuple[str, str]:
        """The scheme's id and name for this household's municipality."""
        return self.naming(s) if self.naming else (self.id, self.name)


SCHEMES: list[Scheme] = []
Describer = Callable[[Simulation], SchemeResult]


def scheme(
    id: str, name: str, *, period: str = "month", conditions: Sequence[BoundCondition] = ()
) -> Callable[[Describer], Describer]:
    """Register a national scheme's describer: its id, name and the period of its amount."""

    def register(describe: Describer) -> Describer:
        SCHEMES.append(Scheme(describe, id, name, period, None, tuple(conditions)))
        return describe

    return register


def local_scheme(
    parameters: str,
    name: str,
    *,
    period: str = "year",
    conditions: Sequence[BoundCondition] = (),
    naming: Naming | None = None,
) -> Callable[[Describer], Describer]:
    """Register a municipal scheme, shown where ``gemeenten.<m>.<parameters>`` exists (its id is
    ``parameters`` unless ``naming`` says otherwise)."""

    def register(describe: Describer) -> Describer:
        SCHEMES.append(Scheme(describe, parameters, name, period, parameters, tuple(conditions), naming))
        return describe

    return register


def one(s: Simulation, name: str) -> int:
    """The value of a variable for the one household of a check, as a Python int."""
    return int(s(name)[0])


def source(s: Simulation, path: str) -> Reference:
    """The legal basis of a scheme as its parameter cites it for the value in force on the
    peildatum (that value's own source where it has one)."""
    return s.parameters[path].references_at(s.d)[0]


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
    kwijtschelding,
)
