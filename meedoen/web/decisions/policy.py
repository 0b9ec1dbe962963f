"""The automation policy as data: per municipality and scheme ``machine``, ``assisted`` or ``human``.

The policy lives beside the scheme's parameters, in ``meedoen/parameters/gemeenten/<m>/automatisering.yaml``
(dated text values under ``beleid.<scheme>``, the review share under ``steekproef``), so it is loaded,
validated, dated and reviewed like every rule, and a decision's parameter version names it too.
This module adds what the loader cannot know: which levels exist, and that algemene and bijzondere
bijstand are never ``machine``. No Django here: the same check runs in tests and in ``manage.py check``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from meedoen.rules.parameters import ParameterSet, Reference, default_parameters
from meedoen.rules.periods import to_int

Level = Literal["machine", "assisted", "human"]
MACHINE, ASSISTED, HUMAN = "machine", "assisted", "human"
LEVELS = (MACHINE, ASSISTED, HUMAN)
# Decisions the law leaves to a person's judgement of the whole situation: never decided by the machine.
NEVER_MACHINE = frozenset({"bijstand", "bijzondere_bijstand"})
DEFAULT_SHARE = 0.05

LEVEL_TEXT = {
    MACHINE: "Meedoen besluit zelf als alles vaststaat",
    ASSISTED: "Meedoen stelt voor, een consulent bevestigt of wijzigt",
    HUMAN: "Een consulent beoordeelt",
}


class PolicyError(ValueError):
    """A policy file says something not allowed; names the file and the key, like the loader does."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file, self.key, self.problem = file, key, problem


def _root(municipality: str) -> str:
    return f"gemeenten.{municipality}.automatisering"


def validate(parameters: ParameterSet) -> None:
    """Raise :class:`PolicyError` for an unknown level, a ``machine`` for algemene or bijzondere bijstand
    (on any date), or a review share outside 0..1."""
    for municipality in sorted(parameters.municipalities):
        for path in parameters.under(f"{_root(municipality)}.beleid"):
            param, scheme_id = parameters[path], path.rsplit(".", 1)[1]
            for start, value in zip(param.starts, param.values, strict=True):
                key = f"{path}.values.{str(start)[:4]}-{str(start)[4:6]}-{str(start)[6:]}"
                if value not in LEVELS:
                    raise PolicyError(param.file, key, f"expected one of {', '.join(LEVELS)}, got {value!r}")
                if value == MACHINE and scheme_id in NEVER_MACHINE:
                    raise PolicyError(param.file, key, f"{scheme_id} is never machine")
        for path in parameters.under(f"{_root(municipality)}.steekproef"):
            param = parameters[path]
            if param.unit != "/1" or not all(0 <= v <= 1 for v in param.values):
                raise PolicyError(param.file, path, "a review share is a fraction between 0 and 1 (unit /1)")


_validated: set[int] = set()


def checked(parameters: ParameterSet | None = None) -> ParameterSet:
    """The parameter set, validated once per set: an invalid policy never decides anything."""
    parameters = parameters or default_parameters()
    if id(parameters) not in _validated:
        validate(parameters)
        _validated.add(id(parameters))
    return parameters


@dataclass(frozen=True)
class AutomationPolicy:
    """How a scheme is decided on a date, with the source that allows it."""

    scheme_id: str
    level: str
    configured: str | None  # what the file says; None when the scheme is not in it
    references: tuple[Reference, ...]
    path: str | None
    expired: bool  # the date lies after covered_until: a machine setting counts as assisted

    @property
    def text(self) -> str:
        return LEVEL_TEXT[self.level]


def policy_for(
    municipality: str, scheme_id: str, date: dt.date, parameters: ParameterSet | None = None
) -> AutomationPolicy:
    """The level in force: ``human`` when the file does not name the scheme (or the date lies before
    its first value); ``assisted`` instead of ``machine`` once the policy's dated values have run out."""
    parameters = checked(parameters)
    path = f"{_root(municipality)}.beleid.{scheme_id}"
    if path not in parameters or to_int(date) < parameters[path].starts[0]:
        return AutomationPolicy(scheme_id, HUMAN, None, (), None, False)
    param = parameters[path]
    configured = param.at(date)
    expired = param.is_provisional(to_int(date))
    level = ASSISTED if configured == MACHINE and expired else configured
    return AutomationPolicy(scheme_id, level, configured, param.references_at(date), path, expired)


def sample_share(
    municipality: str, scheme_id: str, date: dt.date, parameters: ParameterSet | None = None
) -> float:
    """The share of a scheme's automated decisions drawn for a second look: the scheme's own value,
    else the municipality's ``standaard``, else 5 %."""
    parameters = checked(parameters)
    for name in (scheme_id, "standaard"):
        path = f"{_root(municipality)}.steekproef.{name}"
        if path in parameters and to_int(date) >= parameters[path].starts[0]:
            return float(parameters[path].at(date))
    return DEFAULT_SHARE
