"""Parameters: the law's amounts and rates as dated YAML data, each with its legal source.

The tree under ``meedoen/parameters/`` is the parameter namespace: folder and file names and the
keys inside a file join with dots (``nl/participatiewet/bijstandsnorm.yaml`` key ``alleenstaande``
is ``nl.participatiewet.bijstandsnorm.alleenstaande``). A file holds either one parameter (it has
``values``) or a node of parameters; a node's ``metadata`` (reference, unit, covered_until,
confidence) is inherited by its children. Every file is validated on load: a malformed file or an
unknown key fails with the file and the key named.

Amounts in euro (unit ``EUR``) are held as integer cents, so money stays exact. Reading and
validating the files is :mod:`meedoen.rules.parameter_files`; one parameter, its sources and scales
are :mod:`meedoen.rules.parameter_model`; this module holds the set a simulation looks values up in.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from meedoen.rules.errors import CoverageError, UnknownParameterError
from meedoen.rules.parameter_files import (  # noqa: F401  (the names importers know from here)
    PARAMETER_ROOT,
    error_key,
    load_tree,
    parse_value,
    read_yaml,
)
from meedoen.rules.parameter_model import REFORM, Parameter, Reference, Scale, reference_kind  # noqa: F401
from meedoen.rules.periods import from_int, to_int

NORMS = "nl.participatiewet.normen"  # a household is evaluated on every date these reach


class ParameterSet:
    """All parameters, looked up by path; ``resolve(date)`` gives the values in force on a date."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self._parameters = dict(parameters)
        self.municipalities = frozenset(
            path.split(".")[1] for path in self._parameters if path.startswith("gemeenten.")
        )
        self._earliest: dt.date | None = None
        self.views: dict[tuple, dict[str, Any]] = {}  # trace records, see rules/tracing.py
        self._starts: list[int] | None = None
        self._nodes: set[str] | None = None

    def __getitem__(self, path: str) -> Parameter:
        try:
            return self._parameters[path]
        except KeyError:
            raise UnknownParameterError(f"unknown parameter {path!r}") from None

    def __contains__(self, path: object) -> bool:
        return path in self._parameters

    def has_node(self, prefix: str) -> bool:
        """Whether any parameter lives under ``prefix``."""
        nodes = self._nodes
        if nodes is None:
            nodes = self._nodes = {
                p.rsplit(".", i)[0] for p in self._parameters for i in range(1, p.count(".") + 1)
            }
        return prefix in nodes

    def paths(self) -> list[str]:
        return sorted(self._parameters)

    def under(self, prefix: str) -> list[str]:
        return [p for p in self.paths() if p.startswith(prefix + ".")]

    def with_values(self, changes: Mapping[str, Mapping[int, Any]]) -> ParameterSet:
        """A copy where ``changes[path][yyyymmdd] = value`` is in force from that date on. Each value
        given is marked ``confidence: reform`` (known, so counted, but never verified); the values it
        leaves keep their own notes, sources and confidence."""
        params = dict(self._parameters)
        for path, dated in changes.items():
            base = self[path]
            merged = {
                start: (value, _own(base.value_notes, i), _own(base.value_references, i),
                        _own(base.value_confidence, i))
                for i, (start, value) in enumerate(zip(base.starts, base.values, strict=True))
            }  # fmt: skip
            merged.update({start: (value, None, None, REFORM) for start, value in dated.items()})
            starts = tuple(sorted(merged))
            rows = [merged[s] for s in starts]
            params[path] = replace(
                base,
                starts=starts,
                values=tuple(r[0] for r in rows),
                value_notes=tuple(r[1] for r in rows),
                value_references=tuple(r[2] for r in rows),
                value_confidence=tuple(r[3] for r in rows),
                covered_until=max(base.covered_until, starts[-1]),
            )
        return ParameterSet(params)

    def earliest_date(self) -> dt.date:
        """The first day a household can be evaluated: the Participatiewet norms' first value.
        Any later date evaluates; a scheme whose own figures start later says so (``unknown``)."""
        if self._earliest is None:
            norms = [p.starts[0] for path, p in self._parameters.items() if path.startswith(NORMS + ".")]
            self._earliest = from_int(max(norms))
        return self._earliest

    def check_covered(self, date: dt.date) -> None:
        """Raise a :class:`CoverageError` naming the earliest date if ``date`` lies before it."""
        earliest = self.earliest_date()
        if date < earliest:
            raise CoverageError("date", date, earliest, None)

    def last_change(self, date: dt.date) -> dt.date:
        """The latest date on or before ``date`` on which any parameter changed value."""
        d = to_int(date)
        if self._starts is None:
            self._starts = sorted({start for p in self._parameters.values() for start in p.starts})
        return from_int(self._starts[bisect.bisect_right(self._starts, d) - 1])

    def resolve(self, date: dt.date) -> dict[str, Any]:
        """Every parameter's value in force on ``date`` (provisional ones included; a cached dict)."""
        return _resolve(self, to_int(date))

    def provisional_paths(self, d: int) -> frozenset[str]:
        """The parameters past their published values on ``d`` (yyyymmdd; a cached set)."""
        return _provisional(self, d)


def _own(marks: tuple[Any, ...], i: int) -> Any:
    """A value's own mark (note, sources, confidence), where the parameter has such marks."""
    return marks[i] if marks else None


@lru_cache(maxsize=64)
def _provisional(pset: ParameterSet, d: int) -> frozenset[str]:
    return frozenset(path for path, p in pset._parameters.items() if p.is_provisional(d))


@lru_cache(maxsize=64)
def _resolve(pset: ParameterSet, d: int) -> dict[str, Any]:
    return {path: p.at(d) for path, p in pset._parameters.items() if p.starts[0] <= d}


@lru_cache(maxsize=1)
def default_parameters() -> ParameterSet:
    """The bundled parameter tree, loaded and validated once per process."""
    return ParameterSet(load_tree())
