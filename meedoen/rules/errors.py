"""Errors of the rules engine, each naming what was wrong and where."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


class RulesError(Exception):
    """Base class for every error the rules engine raises on purpose."""


class ParameterFileError(RulesError):
    """A parameter YAML file is malformed: names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}")


class CoverageError(RulesError):
    """A value was asked for a date before a parameter's first value (``path``), or a household
    for a date before the rules start (``path == "date"``)."""

    def __init__(self, path: str, date: object, start: object, end: object = None) -> None:
        self.path, self.date, self.start, self.end = path, date, start, end
        super().__init__(
            f"date: no rules for {date}; the rules start on {start}"
            if path == "date"
            else f"{path}: no value for {date}; its first value is of {start}"
        )


class UnknownParameterError(RulesError):
    """A path names no parameter (e.g. in a reform file)."""


class UnknownVariableError(RulesError, KeyError):
    """A variable name that no formula defines; names it and suggests close names."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        close = difflib.get_close_matches(name, list(known), n=3)
        self.name, self.suggestions = name, close
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        super().__init__(f"unknown variable {name!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class UnknownMunicipalityError(RulesError):
    """No parameter folder exists for the municipality."""


@dataclass(frozen=True)
class InputProblem:
    """One problem in the input: a field path and what was expected."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(RulesError):
    """The input has one or more problems; all of them are listed."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
