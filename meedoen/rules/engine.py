"""The engine: formulas declared once, evaluated for one household or for a million.

A formula is a function of a :class:`Simulation` that returns one NumPy array (per person or per
household). It asks for other variables with ``s("name")`` and for parameters with
``s.p("path")``; the simulation computes each variable once and caches it. With ``trace=True`` it
also records, for each variable, its value, the formula's explanation, the variables it used and
every parameter with its legal source, and the household's own answers a formula read directly
(``input:<contract field>`` entries): the explanation is built while the rules run
(:mod:`meedoen.rules.tracing`). Variables are declared in :mod:`meedoen.rules.variables`.

A variable ``defined_for`` a condition is computed only where the condition holds: where it holds
nowhere the formula is not called (the value is nil), where it holds everywhere the formula is
called plainly, otherwise the formula sees the rows where it holds (``s.rows``, an index array:
NumPy gathers and scatters by index several times faster than by mask) and the rest is nil.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from meedoen.rules.coverage import parameter_bits
from meedoen.rules.errors import UnknownMunicipalityError, UnknownVariableError
from meedoen.rules.parameters import Parameter, ParameterSet, default_parameters
from meedoen.rules.periods import to_int
from meedoen.rules.population import Population
from meedoen.rules.tracing import Frame, InputReader, TraceRecords
from meedoen.rules.variables import (  # noqa: F401  (the names formulas import from the engine)
    HOUSEHOLD,
    PERSON,
    REGISTRY,
    Formula,
    Variable,
    in_force,
    variable,
)

_EVERY_ROW = slice(None)
_CHECKED: set[Variable] = set()  # defined_for variables whose condition was found of the same entity


class Simulation(TraceRecords):
    """Evaluates variables for a :class:`Population` on its peildatum."""

    def __init__(
        self,
        population: Population,
        parameters: ParameterSet | None = None,
        *,
        trace: bool = False,
        track: bool = False,
    ) -> None:
        from meedoen.rules import formulas  # noqa: F401  (registers every formula on first use)

        self._population = population
        self.date: dt.date = population.date
        self.d = to_int(population.date)
        self.parameters = parameters or default_parameters()
        self._values = self.parameters.resolve(population.date)
        self._local = f"gemeenten.{population.municipality}"
        if population.municipality not in self.parameters.municipalities:
            raise UnknownMunicipalityError(f"no parameters for municipality {population.municipality!r}")
        self._variables = in_force(self.d)
        self._cache: dict[str, np.ndarray] = {}
        self._stack: list[Frame] = []
        self._rows: list[Any] = []  # per defined_for formula being computed: its condition or rows
        self.trace: list[dict[str, Any]] | None = [] if trace else None
        self.pop: Population = population
        if self.trace is not None:
            self.pop = InputReader(population, self._stack, self.trace)  # type: ignore[assignment]
            self._start_trace()
        # With tracking (implied by trace), what each computed variable used: the parameters a
        # result rests on, transitively, make a scheme's result provisional or unknown.
        self._tracking = trace or track
        self._bits = parameter_bits(self.parameters) if self._tracking else None
        self._rests_on: dict[str, int] = {}  # per computed variable: its parameters' bits

    def __call__(self, name: str) -> np.ndarray:
        stack = self._stack
        if stack:
            stack[-1].inputs.append(name)
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        var = self._lookup(name)
        if not self._tracking:
            value = self._cache[name] = self._compute(var)
            return value
        frame = Frame(var)
        stack.append(frame)
        try:
            value = self._compute(var)
        finally:
            stack.pop()
        self._cache[name] = value
        self._rests_on[name] = self._bits_of(frame)
        if self.trace is not None:
            self.trace.append(self._entry(frame, value))
        return value

    def _compute(self, var: Variable) -> np.ndarray:
        """The formula's value; for a ``defined_for`` variable only where its condition holds."""
        if var.defined_for is None:
            return var.formula(self)
        if var not in _CHECKED:
            if self._lookup(var.defined_for).entity != var.entity:
                raise ValueError(f"{var.name!r} is defined for {var.defined_for!r} of another entity")
            _CHECKED.add(var)
        where = self(var.defined_for)  # in the trace as an input of this variable
        holds = np.count_nonzero(where)  # one pass: nowhere, everywhere, or some
        if not holds:
            return np.zeros(len(where), var.nil_dtype)
        every = holds == len(where)
        self._rows.append(_EVERY_ROW if every else where)
        try:
            value = var.formula(self)
        finally:
            rows = self._rows.pop()
        if every:
            return value
        if len(value) == len(where):  # the whole column: nil where the condition does not hold
            return np.where(where, value, value.dtype.type(0))
        out = np.zeros(len(where), value.dtype)  # the values at the rows: scattered
        out[where if rows is where else rows] = value
        return out

    @property
    def rows(self) -> np.ndarray | slice:
        """The indices of the households (or persons) where the condition of the ``defined_for``
        variable being computed holds (a formula returning values for these rows only); every row
        where it holds everywhere."""
        top = self._rows[-1]
        if isinstance(top, np.ndarray) and top.dtype == bool:
            top = self._rows[-1] = top.nonzero()[0]
        return top

    def _lookup(self, name: str) -> Variable:
        try:
            return self._variables[name]
        except KeyError:
            raise UnknownVariableError(name, self._variables) from None

    def _bits_of(self, frame: Frame) -> int:
        """The parameters a frame used, directly or through the variables it asked for, as bits
        (see :class:`~meedoen.rules.coverage.ParameterBits`)."""
        bit, known = self._bits.bit, self._rests_on
        used = 0
        for path in frame.parameters:
            used |= bit[path]
        for name in frame.inputs:
            used |= known.get(name, 0)
        return used

    def recording(self) -> Recording:
        """Collect the paths of every parameter used inside the block, directly or through the
        variables it asks for (computed before or not): a scheme's status rests on them
        (``with s.recording() as used: ...``)."""
        if not self._tracking:
            raise RuntimeError("recording needs a Simulation made with track=True or trace=True")
        return Recording(self)

    def rests_on(self, name: str) -> frozenset[str]:
        """The parameters a computed variable used, transitively (needs tracking)."""
        self(name)
        bits = self._rests_on.get(name, 0)
        return frozenset(self._bits.paths(bits)) if bits else frozenset()

    def p(self, path: str) -> Any:
        """The value of a parameter on the peildatum (a coverage error names the range)."""
        try:
            value = self._values[path]
        except KeyError:
            value = self.parameters[path].at(self.d)  # raises the specific error
        if self._stack:
            self._stack[-1].parameters.append(path)
        return value

    def local(self, name: str) -> Any:
        """A parameter of the population's municipality: ``gemeenten.<m>.<name>``."""
        return self.p(f"{self._local}.{name}")

    def has_local(self, name: str) -> bool:
        """Whether the municipality has parameters under ``name`` (so has that regeling)."""
        return self.parameters.has_node(f"{self._local}.{name}")

    def history(self, path: str) -> Parameter:
        """The whole dated parameter, for rules that look at more than one date (AOW age)."""
        param = self.parameters[path]
        if self._stack:
            self._stack[-1].parameters.append(path)
        return param

    def per_household(self, person_values: np.ndarray) -> np.ndarray:
        """Sum a per-person array over each household."""
        return self._population.household_sum(person_values)

    def count_per_household(self, mask: np.ndarray) -> np.ndarray:
        """How many persons of each household meet a per-person condition."""
        return self._population.household_count(mask)

    def of_applicant(self, person_values: np.ndarray) -> np.ndarray:
        """The applicant's value of a per-person array, per household."""
        return person_values[self._population.offsets]

    def of_partner(self, person_values: np.ndarray, default: Any) -> np.ndarray:
        """The partner's value of a per-person array, per household; ``default`` without one."""
        return np.where(self._population.has_partner, person_values[self._population.partner_index], default)

    def per_person(self, household_values: np.ndarray) -> np.ndarray:
        """Give every person the value of their household."""
        return household_values[self._population.household]


class Recording:
    """The block of :meth:`Simulation.recording`: a frame of its own on the simulation's stack
    (a plain class: a scheme's description is recorded a dozen times per household)."""

    def __init__(self, sim: Simulation) -> None:
        self._sim = sim
        self._frame = Frame(None)
        self._used: set[str] = set()

    def __enter__(self) -> set[str]:
        self._sim._stack.append(self._frame)
        return self._used

    def __exit__(self, *exc: object) -> None:
        self._sim._stack.pop()
        self._used |= self._sim._bits.paths(self._sim._bits_of(self._frame))


def all_conditions(s: Simulation, names: Sequence[str]) -> np.ndarray:
    """Per household, whether every condition variable in ``names`` holds: a scheme's right is
    defined by its conditions once, and the reasons shown to residents name the same variables."""
    met = np.ones(s.pop.size, bool)
    for name in names:
        met &= s(name)
    return met


def calculate(
    population: Population,
    variables: Iterable[str],
    parameters: ParameterSet | None = None,
    *,
    parts: int = 1,
) -> dict[str, np.ndarray]:
    """Compute the named variables for a whole population, column-wise.

    ``parts`` > 1 splits the households into that many blocks computed in threads: NumPy releases
    the GIL inside its loops, so two cores give about 1.5x on a million households.
    """
    return calculate_tracked(population, variables, parameters, parts=parts, track=False)[0]


def calculate_tracked(
    population: Population,
    variables: Iterable[str],
    parameters: ParameterSet | None = None,
    *,
    parts: int = 1,
    track: bool = True,
) -> tuple[dict[str, np.ndarray], frozenset[str]]:
    """:func:`calculate`, and the paths of the parameters the results rest on (with ``track``):
    what makes a population's result provisional on its date."""
    names = list(variables)
    parameters = parameters or default_parameters()
    if parts <= 1 or population.size < parts * MIN_PART:
        sim = Simulation(population, parameters, track=track)
        values = {name: sim(name) for name in names}
        used = frozenset().union(*(sim.rests_on(name) for name in names)) if track else frozenset()
        return values, used
    parameters.resolve(population.date)  # warm the shared cache before the threads read it
    bounds = np.linspace(0, population.size, parts + 1).astype(int)
    blocks = [population.households(a, b) for a, b in itertools.pairwise(bounds)]
    with ThreadPoolExecutor(parts) as pool:
        results = list(
            pool.map(lambda block: calculate_tracked(block, names, parameters, track=track), blocks)
        )
    values = {name: np.concatenate([r[0][name] for r in results]) for name in names}
    return values, frozenset().union(*(r[1] for r in results))


MIN_PART = 50_000  # households per thread below which splitting costs more than it saves
