"""The explanation built while the rules run: what each formula used, and the trace records of a
variable, a parameter and a household's own answer (``Simulation(..., trace=True)``).

Kept apart from the evaluation in :mod:`meedoen.rules.engine`: without ``trace`` (or ``track``)
none of this runs, so a million households pay nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from meedoen.rules.money import euro
from meedoen.rules.parameters import Parameter, ParameterSet, Scale
from meedoen.rules.periods import from_int
from meedoen.rules.population import INPUT_FIELDS, NOT_GIVEN, Population
from meedoen.rules.variables import PERSON, Variable

if TYPE_CHECKING:
    from meedoen.rules.engine import Simulation


class Frame:
    """What one formula (or a scheme's description) used while it ran: the variables and
    parameters it asked for."""

    __slots__ = ("inputs", "parameters", "variable")

    def __init__(self, variable: Variable | None) -> None:
        self.variable = variable
        self.inputs: list[str] = []
        self.parameters: dict[str, Parameter] = {}


class InputReader:
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


class TraceRecords:
    """The trace records of a :class:`~meedoen.rules.engine.Simulation` (a mixin: it reads the
    simulation's population, parameters, date and trace list)."""

    _population: Population
    parameters: ParameterSet
    d: int
    _local: str
    trace: list[dict[str, Any]] | None
    _inputs_shown: set[str]

    def _entry(self, frame: Frame, value: np.ndarray) -> dict[str, Any]:
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
        path = var.reference_path
        if path is not None:
            entry.update(self._reference_view(path))
        return entry

    def _shown(self, entity: str, values: list[Any]) -> Any:
        """A trace value: per person by id where ids are known, one value for one household."""
        ids = self._population.person_ids
        if entity == PERSON and ids is not None:
            return dict(zip(ids, values))  # noqa: B905 - same length by construction
        return values[0] if len(values) == 1 else values

    def _reference_view(self, reference: str) -> dict[str, str]:
        """The legal source of a variable whose reference is a parameter path (made once per
        parameter set, municipality and date)."""
        key = (reference, self._local, self.d)
        cached = self.parameters.views.get(key)
        if cached is not None:
            return cached
        path = f"{self._local}.{reference[6:]}" if reference.startswith("local:") else reference
        if path not in self.parameters:
            out = {"reference": path}
        else:
            view = self._parameter_view(path, self.parameters[path])
            out = {"reference": view["reference"], "source": view["source"]}
        self.parameters.views[key] = out
        return out

    def _show_input(self, column: str) -> None:
        """Put one of the household's answers in the trace, the first time a formula reads it (see
        :class:`InputReader`)."""
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
    if unit == "date":
        return from_int(value).isoformat()
    if unit == "EUR" and isinstance(value, int) and not isinstance(value, bool):
        return euro(value)
    if isinstance(value, Scale):
        return value.as_list()
    return value
