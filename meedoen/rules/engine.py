"""The engine: formulas declared once, evaluated for one household or for a million.

A formula is a function of a :class:`Simulation` that returns one NumPy array (per person or per
household). It asks for other variables with ``s("name")`` and for parameters with
``s.p("path")``; the simulation computes each variable once and caches it. With ``trace=True`` it
also records, for each variable, its value, the formula's explanation, the variables it used and
every parameter with its legal source, and the household's own answers a formula read directly
(``input:<contract field>`` entries): the explanation is built while the rules run.

Every variable that computes a legal rule names it (``reference=``: an article, or the path of a
parameter whose source is cited); a step of arithmetic with no rule of its own says so
(``helper=True``). Not every variable carries one yet (issue 17); a test that holds every registered
variable to one of the two is to follow.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from meedoen.rules.errors import UnknownMunicipalityError, UnknownVariableError
from meedoen.rules.money import euro
from meedoen.rules.parameters import Parameter, ParameterSet, Scale, default_parameters
from meedoen.rules.periods import from_int, to_int
from meedoen.rules.population import INPUT_FIELDS, NOT_GIVEN, Population

PERSON, HOUSEHOLD = "person", "household"
Formula = Callable[["Simulation"], np.ndarray]


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
        if self.reference and not _is_path(self.reference):
            out["reference"] = self.reference
        return out


def _is_path(reference: str) -> bool:
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
) -> Callable[[Formula], Formula]:
    """Register a formula under ``name`` (default: the function name); its docstring is the
    explanation. ``since`` (ISO date) adds a later version of an existing variable. ``reference``
    names the legal rule it computes: an article as text, or a parameter path (``nl.…``, or
    ``local:<name>`` for the municipality's parameter) whose source the trace cites; ``helper``
    marks a step of arithmetic with no rule of its own."""

    def register(formula: Formula) -> Formula:
        key = name or formula.__name__
        start = to_int(dt.date.fromisoformat(since)) if since else 0
        doc = " ".join((formula.__doc__ or "").split())
        var = Variable(key, entity, label, unit, formula, doc, start, reference, helper)
        versions = _VERSIONS.setdefault(key, [])
        if any(v.since == start for v in versions):
            raise ValueError(f"variable {key!r} is defined twice from the same date")
        if versions and (versions[0].entity, versions[0].unit) != (entity, unit):
            raise ValueError(f"versions of {key!r} differ in entity or unit")
        versions.append(var)
        versions.sort(key=lambda v: -v.since)
        REGISTRY.setdefault(key, var)
        _in_force.cache_clear()
        return formula

    return register


@lru_cache(maxsize=64)
def _in_force(d: int) -> dict[str, Variable]:
    """The version of every variable in force on ``d``."""
    return {
        name: next((v for v in versions if v.since <= d), versions[-1])
        for name, versions in _VERSIONS.items()
    }


class _Frame:
    """What one formula (or a scheme's description) used while it ran: the variables and
    parameters it asked for."""

    __slots__ = ("inputs", "parameters", "variable")

    def __init__(self, variable: Variable | None) -> None:
        self.variable = variable
        self.inputs: list[str] = []
        self.parameters: dict[str, Parameter] = {}


class _InputReader:
    """The population as a traced simulation's formulas see it: reading a column that holds the
    household's own answers records it (once per formula) as an ``input:<field>`` of the variable
    being computed, and the first read puts the answer in the trace. Only with ``trace=True``:
    without it formulas read the :class:`Population` itself, at no cost."""

    def __init__(self, population: Population, sim: Simulation) -> None:
        self._pop = population
        self._sim = sim

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._pop, name)
        field = _INPUT_NAMES.get(name)
        if field is None:  # structure (offsets, size ...): kept here, later reads skip this method
            self.__dict__[name] = value
        else:  # an answer: every read is recorded, one append
            sim = self._sim
            if sim._stack:
                sim._stack[-1].inputs.append(field)
            if field not in sim._inputs_shown:
                sim._show_input(name)
        return value


_INPUT_NAMES = {column: f"input:{spec[0]}" for column, spec in INPUT_FIELDS.items()}


class Simulation:
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
        self.pop: Population = _InputReader(population, self) if trace else population  # type: ignore[assignment]
        self._inputs_shown: set[str] = set()
        self.date: dt.date = population.date
        self.d = to_int(population.date)
        self.parameters = parameters or default_parameters()
        self._values = self.parameters.resolve(population.date)
        self._local = f"gemeenten.{population.municipality}"
        if population.municipality not in self.parameters.municipalities:
            raise UnknownMunicipalityError(f"no parameters for municipality {population.municipality!r}")
        self._variables = _in_force(self.d)
        self._cache: dict[str, np.ndarray] = {}
        self._stack: list[_Frame] = []
        self.trace: list[dict[str, Any]] | None = [] if trace else None
        # With tracking (implied by trace), the parameters each variable rests on, transitively:
        # what makes a scheme's result provisional or unknown on the peildatum.
        self._tracking = trace or track
        self._rests_on: dict[str, frozenset[str]] = {}

    def __call__(self, name: str) -> np.ndarray:
        if self._stack:
            self._stack[-1].inputs.append(name)
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        var = self._lookup(name)
        if not self._tracking:
            value = self._cache[name] = var.formula(self)
            return value
        frame = _Frame(var)
        self._stack.append(frame)
        try:
            value = var.formula(self)
        finally:
            self._stack.pop()
        self._cache[name] = value
        self._rests_on[name] = self._parameters_of(frame)
        if self.trace is not None:
            self.trace.append(self._entry(frame, value))
        return value

    def _lookup(self, name: str) -> Variable:
        try:
            return self._variables[name]
        except KeyError:
            raise UnknownVariableError(name, self._variables) from None

    def _parameters_of(self, frame: _Frame) -> frozenset[str]:
        known = self._rests_on
        return frozenset(frame.parameters).union(*[known[n] for n in frame.inputs if n in known])

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """Collect the paths of every parameter used inside the block, directly or through the
        variables it asks for (computed before or not): a scheme's status rests on them."""
        if not self._tracking:
            raise RuntimeError("recording needs a Simulation made with track=True or trace=True")
        frame, used = _Frame(None), set()
        self._stack.append(frame)
        try:
            yield used
        finally:
            self._stack.pop()
            used |= self._parameters_of(frame)

    def rests_on(self, name: str) -> frozenset[str]:
        """The parameters a computed variable used, transitively (needs tracking)."""
        self(name)
        return self._rests_on.get(name, frozenset())

    def p(self, path: str) -> Any:
        """The value of a parameter on the peildatum (a coverage error names the range)."""
        try:
            value = self._values[path]
        except KeyError:
            value = self.parameters[path].at(self.d)  # raises the specific error
        if self._stack:
            self._stack[-1].parameters[path] = self.parameters[path]
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
            self._stack[-1].parameters[path] = param
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

    def _entry(self, frame: _Frame, value: np.ndarray) -> dict[str, Any]:
        var = frame.variable
        shown = value.tolist()
        if var.unit == "EUR":
            shown = [round(v / 100, 2) for v in shown]
        entry = dict(
            var.view,
            value=self._shown(var.entity, shown),
            inputs=list(dict.fromkeys(frame.inputs)),
            parameters=[self._parameter_view(path, param) for path, param in frame.parameters.items()],
        )
        if var.reference and _is_path(var.reference):
            entry.update(self._reference_view(var.reference))
        return entry

    def _shown(self, entity: str, values: list[Any]) -> Any:
        """A trace value: per person by id where ids are known, one value for one household."""
        ids = self._population.person_ids
        if entity == PERSON and ids is not None:
            return dict(zip(ids, values))  # noqa: B905 - same length by construction
        return values[0] if len(values) == 1 else values

    def _reference_view(self, reference: str) -> dict[str, str]:
        """The legal source of a variable whose reference is a parameter path."""
        path = f"{self._local}.{reference[6:]}" if reference.startswith("local:") else reference
        if path not in self.parameters:
            return {"reference": path}
        view = self._parameter_view(path, self.parameters[path])
        return {"reference": view["reference"], "source": view["source"]}

    def _show_input(self, column: str) -> None:
        """Put one of the household's answers in the trace, the first time a formula reads it (see
        :class:`_InputReader`)."""
        field, entity, unit, label = INPUT_FIELDS[column]
        name = f"input:{field}"
        column = "role" if column == "has_partner" else column  # the roles are the answer behind it
        if self.trace is None:
            return
        self._inputs_shown.add(name)
        self.trace.append(
            {
                "variable": name,
                "label": label,
                "entity": entity,
                "unit": "text" if isinstance(unit, tuple) else unit,
                "step": f"Opgegeven in de aanvraag ({field}).",
                "value": self._shown(entity, _input_values(getattr(self._population, column), unit)),
                "inputs": [],
                "parameters": [],
            }
        )

    def _parameter_view(self, path: str, param: Parameter) -> dict[str, Any]:
        """The trace's record of a parameter, made once per parameter set and date."""
        key = (path, self.d)
        view = self.parameters.views.get(key)
        if view is None:
            view = self.parameters.views[key] = {
                "path": path,
                "value": _plain(param.at(self.d), param.unit),
                "unit": param.unit,
                "description": param.description,
                "source": param.references_at(self.d)[0].href,
                "reference": param.references_at(self.d)[0].title,
                "references": [r.contract() for r in param.references_at(self.d)],
                "confidence": param.confidence_at(self.d),
                "provisional": param.is_provisional(self.d),
            }
        return view


def _input_values(column: np.ndarray, unit: str | tuple[str, ...]) -> list[Any]:
    """A household answer as the resident gave it: euro, ISO dates, choice names; None where absent."""
    raw = column.tolist()
    if unit == "EUR":
        return [None if v == NOT_GIVEN else round(v / 100, 2) for v in raw]
    if unit == "date":
        return [from_int(v).isoformat() if v else None for v in raw]
    if isinstance(unit, tuple):  # a choice: the column holds its index
        return [unit[v] if v >= 0 else None for v in raw]
    return raw


def _plain(value: Any, unit: str) -> Any:
    if unit == "EUR" and isinstance(value, int) and not isinstance(value, bool):
        return euro(value)
    if isinstance(value, Scale):
        return value.as_list()
    return value


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
