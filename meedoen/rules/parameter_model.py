"""One dated parameter: its values over time, its legal sources, and the schedules (scales) the tax
laws write as tables. Read from YAML by :mod:`meedoen.rules.parameter_files`; looked up through
:class:`meedoen.rules.parameters.ParameterSet`."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from meedoen.rules.errors import CoverageError
from meedoen.rules.periods import from_int, to_int

# How sure a value is (``confidence``), most certain first: ``verified`` (read in the official text),
# ``secondary`` (another public source), ``derived`` (computed from verified figures), ``not_found``
# (a placeholder: the amount is unknown, never counted). A parameter file may state these. ``REFORM``
# marks a value a reform gives (a policy variant, or an adviser's figure for a not-found amount): it
# is known, so a simulation counts it, but it is never ``verified``, so it never decides for a person.
REFORM = "reform"

_REGULATION_TITLES = ("besluit", "regeling", "uitvoeringsregeling", "tijdelijke regeling", "verordening")


def reference_kind(title: str, bwb_id: str | None, cvdr_id: str | None) -> str:
    """A reference's kind when the YAML does not say: a CVDR text is a municipal regulation; a BWB
    text is a regulation when its title names one (Besluit, Regeling ...), otherwise a law; without
    an id it is a web page."""
    if cvdr_id:
        return "regulation"
    if bwb_id:
        return "regulation" if title.lower().startswith(_REGULATION_TITLES) else "law"
    return "web"


@dataclass(frozen=True)
class Reference:
    title: str
    href: str
    bwb_id: str | None = None
    article: str | None = None
    cvdr_id: str | None = None
    kind: str = ""

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", reference_kind(self.title, self.bwb_id, self.cvdr_id))

    @property
    def is_legal_basis(self) -> bool:
        """A law or regulation: what may be shown as "Wettelijke basis" (the rest is a "Bron")."""
        return self.kind in ("law", "regulation")

    def as_dict(self) -> dict[str, str]:
        out = {"title": self.title, "href": self.href}
        if self.bwb_id:
            out["bwb_id"] = self.bwb_id
        if self.cvdr_id:
            out["cvdr_id"] = self.cvdr_id
        if self.article:
            out["article"] = self.article
        out["kind"] = self.kind
        return out

    def contract(self) -> dict[str, str | None]:
        """The household contract's ``references[]`` entry."""
        return {
            "title": self.title,
            "url": self.href,
            "id": self.bwb_id or self.cvdr_id,
            "article": self.article,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Parameter:
    """One dated parameter. ``starts`` are ``yyyymmdd`` ints, sorted; ``values`` match them."""

    path: str
    description: str
    unit: str
    references: tuple[Reference, ...]
    starts: tuple[int, ...]
    values: tuple[Any, ...]
    covered_until: int
    file: str
    confidence: str | None = None
    note: str | None = None
    decision: str | None = None
    value_notes: tuple[str | None, ...] = field(default=())
    # A value may cite its own source and confidence (e.g. a later year read in another text).
    value_references: tuple[tuple[Reference, ...] | None, ...] = field(default=())
    value_confidence: tuple[str | None, ...] = field(default=())

    def at(self, date: dt.date | int) -> Any:
        """The value in force on ``date``. After ``covered_until`` that is the latest published
        value (a result that uses it is provisional, see :meth:`is_provisional`); before the first
        value there is none, and the error names the parameter and its first date."""
        d = date if isinstance(date, int) else to_int(date)
        if d < self.starts[0]:
            raise CoverageError(
                self.path, from_int(d), from_int(self.starts[0]), from_int(self.covered_until)
            )
        return self.values[bisect.bisect_right(self.starts, d) - 1]

    def _index(self, d: int) -> int:
        return max(bisect.bisect_right(self.starts, d) - 1, 0)

    def references_at(self, date: dt.date | int) -> tuple[Reference, ...]:
        """The sources of the value in force on ``date``: its own first, then the parameter's."""
        d = date if isinstance(date, int) else to_int(date)
        own = self.value_references[self._index(d)] if self.value_references else None
        return tuple(dict.fromkeys((own or ()) + self.references))

    def confidence_at(self, date: dt.date | int) -> str | None:
        """How sure the value in force on ``date`` is: its own mark, else the parameter's."""
        d = date if isinstance(date, int) else to_int(date)
        own = self.value_confidence[self._index(d)] if self.value_confidence else None
        return own or self.confidence

    def is_provisional(self, d: int) -> bool:
        """Whether ``d`` (yyyymmdd) lies after the last date the published values are known to hold."""
        return d > self.covered_until

    def basis(self, d: int) -> dt.date:
        """The first day of the value in force on ``d`` (yyyymmdd): what a provisional result rests on."""
        return from_int(self.starts[bisect.bisect_right(self.starts, d) - 1])

    @property
    def coverage(self) -> tuple[dt.date, dt.date]:
        return from_int(self.starts[0]), from_int(self.covered_until)


@dataclass(frozen=True)
class Scale:
    """A piecewise-linear schedule as the tax laws write it: above each threshold, a base amount
    plus a rate times the part above the threshold ("meer dan € 11.965: € 996 vermeerderd met
    31,009% van het arbeidsinkomen voor zover dat meer bedraagt dan € 11.965").

    Rows in YAML are ``[threshold, rate]`` (base accumulated from the rows below: tax brackets)
    or ``[threshold, base, rate]`` (base as the law states it: tax credits). Thresholds and bases
    are integer cents; an amount exactly at a threshold falls in the lower row, as in the law.
    """

    thresholds: tuple[int, ...]
    bases: tuple[float, ...]
    rates: tuple[float, ...]

    def apply(self, amount_cents: np.ndarray) -> np.ndarray:
        """The schedule's outcome for each amount, in (fractional) cents."""
        row = np.maximum(np.searchsorted(self.thresholds, amount_cents, side="left") - 1, 0)
        thresholds = np.asarray(self.thresholds)[row]
        return np.asarray(self.bases)[row] + np.asarray(self.rates)[row] * (amount_cents - thresholds)

    def as_list(self) -> list[list[float]]:
        return [
            [t / 100, b / 100, r] for t, b, r in zip(self.thresholds, self.bases, self.rates, strict=True)
        ]
