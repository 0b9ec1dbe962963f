"""The municipality's threshold (drempelbedrag): a signal below it is "onterecht" (contract rule 3).

A local policy choice, so a parameter per municipality
(``meedoen/parameters/gemeenten/<m>/vroegsignalering.yaml``, with its source); a municipality
without one uses the contract's default of EUR 50.
"""

from __future__ import annotations

import datetime as dt

from meedoen.rules.parameters import ParameterSet, default_parameters

DEFAULT_THRESHOLD_CENTS = 5000


def threshold_path(municipality: str) -> str:
    return f"gemeenten.{municipality}.vroegsignalering.drempelbedrag"


def threshold_cents(municipality: str, on: dt.date, parameters: ParameterSet | None = None) -> int:
    """The threshold in force on ``on``; past the last published date its latest value stays in force
    (a local policy choice holds until the municipality changes it)."""
    pset = parameters or default_parameters()
    path = threshold_path(municipality)
    if path not in pset:
        return DEFAULT_THRESHOLD_CENTS
    parameter = pset[path]
    start, end = parameter.coverage
    return int(parameter.at(min(max(on, start), end)))
