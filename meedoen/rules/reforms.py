"""Reforms: parameter changes by path and date, kept as data ("IIT limit 120 % -> 130 %").

A reform file is YAML::

    description: Meedoenregeling tot 140 % van de norm
    changes:
      gemeenten.nijmegen.meedoenregeling.inkomensgrens:
        2026-01-01: 1.40

Each value is in force from its date on, in the parameter's own unit; it is validated like the
parameter files, and a path or date the parameters do not have is an error naming the file.

A reform may also give a figure the sources do not have (``confidence: not_found``, e.g. a city
pass budget an adviser knows from the municipality's own administration). The value becomes known
with ``confidence: reform``: the simulation and the minima-effect report count it, and name it as
a figure from the reform (:func:`reform_figures`); it is never ``verified``, so it never decides for
a person.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from meedoen.rules.errors import ParameterFileError, RulesError
from meedoen.rules.money import decimal_text, euro_decimal, euro_text
from meedoen.rules.parameters import (
    REFORM,
    ParameterSet,
    default_parameters,
    error_key,
    parse_value,
    read_yaml,
)
from meedoen.rules.periods import to_int


class ReformModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str
    changes: dict[str, dict[dt.date, Any]]


def reform_changes(data: dict[str, Any], parameters: ParameterSet, name: str) -> dict[str, dict[int, Any]]:
    """Validate a reform (parsed YAML) against the parameters: ``{path: {yyyymmdd: value}}``."""
    try:
        model = ReformModel.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = error_key(first)
        problem = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ParameterFileError(name, key, problem) from None
    changes: dict[str, dict[int, Any]] = {}
    for path, dated in model.changes.items():
        if path not in parameters:
            raise ParameterFileError(name, f"changes.{path}", "unknown parameter")
        param = parameters[path]
        start = param.coverage[0]
        for date, raw in dated.items():
            key = f"changes.{path}.{date}"
            if date < start:
                raise ParameterFileError(name, key, f"date before the parameter's first value of {start}")
            value = parse_value(raw, param.unit, name, key)
            _check_unit(value, param.unit, name, key)
            changes.setdefault(path, {})[to_int(date)] = value
    return changes


MAX_SHARE = 10  # a share (unit /1) above this is a percentage written as a number: 120 for 1.20


def _check_unit(value: Any, unit: str, name: str, key: str) -> None:
    """Refuse what fits the type but not the unit: a share written as a percentage, a negative amount
    (no parameter of the tree has either; a reform's value must not be the first)."""
    if unit == "/1" and not 0 <= value <= MAX_SHARE:
        raise ParameterFileError(name, key, f"expected a share (1.20 is 120 %), got {value!r}")
    if unit == "EUR" and value < 0:
        raise ParameterFileError(name, key, f"expected an amount of 0 or more, got {euro_decimal(value)}")


def apply_reform(
    parameters: ParameterSet, reform: dict[str, Any] | Path, name: str = "reform"
) -> ParameterSet:
    """The parameters with a reform applied; ``reform`` is a parsed mapping or a YAML file."""
    if isinstance(reform, Path):
        name = str(reform)
        try:
            reform = read_yaml(reform.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise RulesError(f"{name}: cannot read the reform: {exc}") from None
        if not isinstance(reform, dict):
            raise ParameterFileError(name, "", "expected a mapping with description and changes")
    return parameters.with_values(reform_changes(reform, parameters, name))


@dataclass(frozen=True)
class ReformFigure:
    """A figure a result rests on that a reform gave, not a source: a report names it."""

    path: str
    description: str
    value: str  # as shown: "€ 100,00", "120%"
    was_unknown: bool  # the sources did not have it (``not_found``): an assumption, not a change
    unit: str = "EUR"

    def text(self) -> str:
        """One line for a report: "bedrag uit de hervorming (aanname): <figure>: € 100,00 (<path>)"."""
        what = "bedrag" if self.unit == "EUR" else "waarde"
        kind = f"{what} uit de hervorming (aanname)" if self.was_unknown else "uit de hervorming"
        # the description of a not-found figure says so ("(niet gevonden; 0 = onbekend)"): not here
        name = re.sub(r"\s*\([^()]*niet gevonden[^()]*\)", "", self.description).rstrip(". ")
        return f"{kind}: {name}: {self.value} ({self.path})"


def reform_figures(
    parameters: ParameterSet, paths: Iterable[str], date: dt.date, original: ParameterSet | None = None
) -> list[ReformFigure]:
    """The figures among ``paths`` whose value on ``date`` a reform gave (``confidence: reform``);
    ``was_unknown`` where ``original`` (the parameters without the reform; default: the bundled
    ones) has it ``not_found``."""
    d = to_int(date)
    original = original or default_parameters()
    out = []
    for path in sorted(set(paths)):
        if path not in parameters or parameters[path].starts[0] > d:
            continue
        param = parameters[path]
        if param.confidence_at(d) != REFORM:
            continue
        unknown = path in original and original[path].confidence_at(d) == "not_found"
        shown = _shown(param.at(d), param.unit)
        out.append(ReformFigure(path, param.description, shown, unknown, param.unit))
    return out


def _shown(value: Any, unit: str) -> str:
    if unit == "EUR":
        return euro_text(value)
    if unit == "/1":
        return decimal_text(value * 100, 1).removesuffix(",0") + "%"
    return str(value)
