"""The explanation built while the rules run: what each formula used, and the trace records of a
variable, a parameter and a household's own answer (``Simulation(..., trace=True)``).

Kept apart from the evaluation in :mod:`meedoen.rules.engine`: without ``trace`` (or ``track``)
none of this runs, so a million households pay nothing for it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meedoen.rules.money import euro
from meedoen.rules.parameters import ParameterSet, Scale
from meedoen.rules.periods import from_int
from meedoen.rules.population import INPUT_FIELDS, NOT_GIVEN, Population
from meedoen.rules.variables import PERSON, Variable


class Frame:
    """What one formula (or a scheme's description) used while it ran: the variables and
    parameters it asked for, in order, repeats included (the trace lists each once)."""

    __slots__ = ("inputs", "parameters", "variable")

    def __init__(self, variable: Variable | None) -> None:
        self.variable = variable
        self.inputs: list[str] = []
        self.parameters: list[str] = []


class InputReader:
    """The population as a traced simulation's formulas see it: reading a column that holds the
    household's own answers records it (once per formula) as an ``input:<field>`` of the variable
    being computed, and the first read puts the answer in the trace. Only with ``trace=True``:
    without it formulas read the :class:`Population` itself, at no cost. Each answer column is a
    property (see :func:`_answer`); the structure (offsets, size ...) is read once and kept.

    It holds the simulation's stack and trace, not the simulation: no reference cycle, so a
    finished simulation is freed at once instead of waiting for the garbage collector."""

    def __init__(self, population: Population, stack: list[Frame], trace: list[dict[str, Any]]) -> None:
        self._pop = population
        self._stack = stack
        self._trace = trace
        self._shown: set[str] = set()  # the fields already in the trace

    def __getattr__(self, name: str) -> Any:
        value = self.__dict__[name] = getattr(self._pop, name)  # later reads skip this method
        return value

    def _show(self, column: str) -> None:
        """Put one of the household's answers in the trace, the first time a formula reads it."""
        field, entity, unit, label = INPUT_FIELDS[column]
        name = f"input:{field}"
        column = "role" if column == "has_partner" else column  # the roles are the answer behind it
        self._shown.add(name)
        self._trace.append(
            {
                "variable": name,
                "label": label,
                "entity": entity,
                "unit": "text" if isinstance(unit, tuple) else unit,
                "step": f"Opgegeven in de aanvraag ({field}).",
                "value": _shown(self._pop, entity, _input_values(getattr(self._pop, column), unit)),
                "inputs": [],
                "parameters": [],
            }
        )


def _answer(column: str) -> property:
    """The property of :class:`InputReader` that reads one answer column: every read is recorded."""
    field = f"input:{INPUT_FIELDS[column][0]}"

    def read(self: InputReader) -> np.ndarray:
        value = getattr(self._pop, column)
        if self._stack:
            self._stack[-1].inputs.append(field)
        if field not in self._shown:
            self._show(column)
        return value

    return property(read)


for _column in INPUT_FIELDS:
    setattr(InputReader, _column, _answer(_column))


def _shown(population: Population, entity: str, values: list[Any]) -> Any:
    """A trace value: per person by id where ids are known, one value for one household."""
    ids = population.person_ids
    if entity == PERSON and ids is not None:
        return dict(zip(ids, values))  # noqa: B905 - same length by construction
    return values[0] if len(values) == 1 else values


class TraceRecords:
    """The trace records of a :class:`~meedoen.rules.engine.Simulation` (a mixin: it reads the
    simulation's population, parameters, date and trace list)."""

    _population: Population
    parameters: ParameterSet
    d: int
    _local: str
    trace: list[dict[str, Any]] | None
    _parameter_views: dict[str, dict[str, Any]]  # by path
    _reference_views: dict[str, dict[str, str]]  # by a variable's reference

    def _start_trace(self) -> None:
        """Take the trace records of parameters and references made once per parameter set and
        date (and municipality): kept on the set, shared by its simulations."""
        views = self.parameters.views
        self._parameter_views = views.setdefault(("parameters", self.d), {})
        self._reference_views = views.setdefault(("references", self._local, self.d), {})

    def _entry(self, frame: Frame, value: np.ndarray) -> dict[str, Any]:
        var = frame.variable
        shown = _euros(value) if var.unit == "EUR" else value.tolist()
        entry = {
            **var.view,
            "value": _shown(self._population, var.entity, shown),
            "inputs": list(dict.fromkeys(frame.inputs)),
            "parameters": self._parameter_records(frame.parameters) if frame.parameters else [],
        }
        if var.reference_path is not None:
            entry.update(self._reference_view(var.reference_path))
        return entry

    def _parameter_records(self, paths: list[str]) -> list[dict[str, Any]]:
        """The trace's records of the parameters a formula used, each once, in order of use."""
        views = self._parameter_views
        return [views.get(path) or self._parameter_view(path) for path in dict.fromkeys(paths)]

    def _reference_view(self, reference: str) -> dict[str, str]:
        """The legal source of a variable whose reference is a parameter path."""
        out = self._reference_views.get(reference)
        if out is None:
            path = f"{self._local}.{reference[6:]}" if reference.startswith("local:") else reference
            if path not in self.parameters:
                out = {"reference": path}
            else:
                view = self._parameter_view(path)
                out = {"reference": view["reference"], "source": view["source"]}
            self._reference_views[reference] = out
        return out

    def _parameter_view(self, path: str) -> dict[str, Any]:
        """The trace's record of a parameter on the simulation's date."""
        view = self._parameter_views.get(path)
        if view is None:
            param = self.parameters[path]
            references = param.references_at(self.d)
            view = self._parameter_views[path] = {
                "path": path,
                "value": _plain(param.at(self.d), param.unit),
                "unit": param.unit,
                "description": param.description,
                "source": references[0].href,
                "reference": references[0].title,
                "references": [r.contract() for r in references],
                "confidence": param.confidence_at(self.d),
                "provisional": param.is_provisional(self.d),
            }
        return view


def _input_values(column: np.ndarray, unit: str | tuple[str, ...]) -> list[Any]:
    """A household answer as the resident gave it: euro, ISO dates, choice names; None where absent."""
    raw = column.tolist()
    if unit == "EUR":
        return [None if v == NOT_GIVEN else euro(v) for v in raw]
    if unit == "date":
        return [from_int(v).isoformat() if v else None for v in raw]
    if isinstance(unit, tuple):  # a choice: the column holds its index
        return [unit[v] if v >= 0 else None for v in raw]
    return raw


def _euros(cents: np.ndarray) -> list[float]:
    """Amounts in cents shown in euro, to the cent (fractional cents rounded)."""
    if cents.dtype.kind in "iu":
        return [euro(c) for c in cents.tolist()]
    return [round(c / 100, 2) for c in cents.tolist()]


def _plain(value: Any, unit: str) -> Any:
    if unit == "date":
        return from_int(value).isoformat()
    if unit == "EUR" and isinstance(value, int) and not isinstance(value, bool):
        return euro(value)
    if isinstance(value, Scale):
        return value.as_list()
    return value
