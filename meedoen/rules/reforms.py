"""Reforms: parameter changes by path and date, kept as data ("IIT limit 120 % -> 130 %").

A reform file is YAML::

    description: Meedoenregeling tot 140 % van de norm
    changes:
      gemeenten.nijmegen.meedoenregeling.inkomensgrens:
        2026-01-01: 1.40

Each value is in force from its date on, in the parameter's own unit; it is validated like the
parameter files, and a path or date the parameters do not have is an error naming the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from meedoen.rules.errors import ParameterFileError, RulesError
from meedoen.rules.parameters import ParameterSet, error_key, parse_value, read_yaml
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
            changes.setdefault(path, {})[to_int(date)] = parse_value(raw, param.unit, name, key)
    return changes


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
