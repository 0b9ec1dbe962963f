"""Parameters: the law's amounts and rates as dated YAML data, each with its legal source.

The tree under ``meedoen/parameters/`` is the parameter namespace: folder and file names and the
keys inside a file join with dots (``nl/participatiewet/bijstandsnorm.yaml`` key ``alleenstaande``
is ``nl.participatiewet.bijstandsnorm.alleenstaande``). A file holds either one parameter (it has
``values``) or a node of parameters; a node's ``metadata`` (reference, unit, covered_until,
confidence) is inherited by its children. Every file is validated on load: a malformed file or an
unknown key fails with the file and the key named.

Amounts in euro (unit ``EUR``) are held as integer cents, so money stays exact.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from meedoen.rules.errors import CoverageError, ParameterFileError, UnknownParameterError
from meedoen.rules.periods import from_int, to_int

PARAMETER_ROOT = Path(__file__).resolve().parent.parent / "parameters"
NORMS = "nl.participatiewet.normen"  # a household is evaluated on every date these reach

Unit = Literal["EUR", "/1", "years", "months", "count", "bool", "text", "scale"]
Confidence = Literal["verified", "secondary", "derived", "not_found"]


ReferenceKind = Literal["law", "regulation", "policy", "web"]


class ReferenceModel(BaseModel):
    """A legal or official source: title and URL, with BWB or CVDR id and article where they exist.

    ``kind`` says what it is: ``law`` (a wet), ``regulation`` (AMvB, ministeriële regeling or a
    municipal verordening), ``policy`` (beleidsregel) or ``web`` (an official page). Only a law or
    regulation is a "wettelijke basis"; without ``kind`` it follows from the id (see
    :func:`reference_kind`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    href: str
    bwb_id: str | None = None
    cvdr_id: str | None = None
    article: str | None = None
    kind: ReferenceKind | None = None

    @model_validator(mode="after")
    def _legal_basis_has_an_id(self) -> ReferenceModel:
        if self.kind in ("law", "regulation") and not (self.bwb_id or self.cvdr_id):
            raise ValueError(f"a {self.kind} needs its bwb_id or cvdr_id")
        return self


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


class MetadataModel(BaseModel):
    """Metadata of a parameter or node. On a node, every field is optional and inherited."""

    model_config = ConfigDict(extra="forbid")
    unit: Unit | None = None
    reference: list[ReferenceModel] | None = None
    covered_until: dt.date | None = None
    confidence: Confidence | None = None
    note: str | None = None
    decision: str | None = None


class ValueEntryModel(BaseModel):
    """A value that carries its own source or remark."""

    model_config = ConfigDict(extra="forbid")
    value: float | int | bool | str | list[Any]
    reference: list[ReferenceModel] | None = None
    confidence: Confidence | None = None
    note: str | None = None


class ParameterModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str
    metadata: MetadataModel = MetadataModel()
    values: dict[dt.date, ValueEntryModel | bool | int | float | str | list[Any]]


class NodeModel(BaseModel):
    model_config = ConfigDict(extra="allow")
    description: str | None = None
    metadata: MetadataModel = MetadataModel()


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


def _scale(raw: Any, file: str, key: str) -> Scale:
    rows = raw if isinstance(raw, list) else None
    if not rows or not all(isinstance(r, list) and len(r) in (2, 3) for r in rows):
        raise ParameterFileError(
            file, key, "expected a list of [threshold, rate] or [threshold, base, rate] rows in euro"
        )
    thresholds, bases, rates = [], [], []
    for i, row in enumerate(rows):
        at = f"{key}[{i}]"
        thresholds.append(parse_value(row[0], "EUR", file, at))
        rates.append(float(parse_value(row[-1], "/1", file, at)))
        if len(row) == 3:
            bases.append(float(parse_value(row[1], "EUR", file, at)))
        else:
            previous = bases[-1] + rates[-2] * (thresholds[-1] - thresholds[-2]) if i else 0.0
            bases.append(previous)
    if thresholds != sorted(thresholds) or len(set(thresholds)) != len(thresholds):
        raise ParameterFileError(file, key, "thresholds must increase")
    return Scale(tuple(thresholds), tuple(bases), tuple(rates))


def parse_value(raw: Any, unit: str, file: str, key: str) -> Any:
    """A raw YAML value in its unit: euro amounts become integer cents, scales a :class:`Scale`."""
    if unit == "scale":
        return _scale(raw, file, key)
    if unit == "EUR":
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ParameterFileError(file, key, f"expected an amount in euro, got {raw!r}")
        try:
            cents = Decimal(str(raw)) * 100
        except InvalidOperation as exc:  # pragma: no cover - YAML gives numbers only
            raise ParameterFileError(file, key, f"not an amount: {raw!r}") from exc
        if cents != cents.to_integral_value():
            raise ParameterFileError(file, key, f"more than two decimals in {raw!r}")
        return int(cents)
    if unit == "bool":
        if not isinstance(raw, bool):
            raise ParameterFileError(file, key, f"expected true or false, got {raw!r}")
        return raw
    if unit == "text":
        return str(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ParameterFileError(file, key, f"expected a number ({unit}), got {raw!r}")
    return raw


def _merge_meta(parent: dict[str, Any], meta: MetadataModel) -> dict[str, Any]:
    merged = dict(parent)
    merged.update({k: v for k, v in meta.model_dump().items() if v is not None})
    return merged


def _build(path: str, model: ParameterModel, inherited: dict[str, Any], file: str) -> Parameter:
    meta = _merge_meta(inherited, model.metadata)
    for required in ("unit", "reference", "covered_until"):
        if required not in meta:
            raise ParameterFileError(
                file, f"{path}.metadata.{required}", "missing (set it here or on the node)"
            )
    if not model.values:
        raise ParameterFileError(file, f"{path}.values", "at least one dated value is needed")
    starts, values, notes, own_refs, own_confidence = [], [], [], [], []
    for start in sorted(model.values):
        raw = model.values[start]
        entry = raw if isinstance(raw, ValueEntryModel) else None
        if entry is not None:
            raw = entry.value
        values.append(parse_value(raw, meta["unit"], file, f"{path}.values.{start}"))
        starts.append(to_int(start))
        notes.append(entry.note if entry else None)
        refs = entry.reference if entry and entry.reference else None
        own_refs.append(tuple(_reference(r.model_dump()) for r in refs) if refs else None)
        own_confidence.append(entry.confidence if entry else None)
    until = to_int(meta["covered_until"])
    if until < starts[-1]:
        raise ParameterFileError(
            file,
            f"{path}.metadata.covered_until",
            f"{meta['covered_until']} is before the last value",
        )
    return Parameter(
        path=path,
        description=model.description,
        unit=meta["unit"],
        references=tuple(_reference(r) for r in meta["reference"]),
        starts=tuple(starts),
        values=tuple(values),
        covered_until=until,
        file=file,
        confidence=meta.get("confidence"),
        note=meta.get("note"),
        decision=meta.get("decision"),
        value_notes=tuple(notes),
        value_references=tuple(own_refs),
        value_confidence=tuple(own_confidence),
    )


def _reference(raw: dict[str, Any]) -> Reference:
    return Reference(**{k: v for k, v in raw.items() if v is not None})


def error_key(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error["loc"] if part != "[key]")


def _walk(node: Any, path: str, inherited: dict[str, Any], file: str, out: dict[str, Parameter]) -> None:
    if not isinstance(node, Mapping):
        raise ParameterFileError(file, path, f"expected a mapping, got {type(node).__name__}")
    try:
        if "values" in node:
            out[path] = _build(path, ParameterModel.model_validate(node), inherited, file)
            return
        parsed = NodeModel.model_validate(node)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = f"{path}.{error_key(first)}" if first["loc"] else path
        problem = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ParameterFileError(file, key, problem) from None
    meta = _merge_meta(inherited, parsed.metadata)
    children = {k: v for k, v in node.items() if k not in ("description", "metadata")}
    if not children:
        raise ParameterFileError(file, path, "a node without parameters (no 'values' and no children)")
    for name, child in children.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ParameterFileError(file, f"{path}.{name}", "a parameter name must be an identifier")
        _walk(child, f"{path}.{name}", meta, file, out)


class _DatesAsText(yaml.SafeLoader):
    """Leaves dates as text, so that pydantic reports a bad one with its key."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(text: str) -> Any:
    """Parse YAML with dates left as text (validated later, with the key named)."""
    return yaml.load(text, Loader=_DatesAsText)


def load_tree(root: Path = PARAMETER_ROOT) -> dict[str, Parameter]:
    """Load and validate every YAML file under ``root``."""
    out: dict[str, Parameter] = {}
    for file in sorted(root.rglob("*.yaml")):
        rel = file.relative_to(root).with_suffix("")
        path = ".".join(rel.parts)
        name = str(file.relative_to(root.parent))
        try:
            data = read_yaml(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ParameterFileError(name, path, f"not valid YAML: {exc}") from None
        _walk(data, path, {}, name, out)
    return out


class ParameterSet:
    """All parameters, looked up by path; ``resolve(date)`` gives the values in force on a date."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self._parameters = dict(parameters)
        self.municipalities = frozenset(
            path.split(".")[1] for path in self._parameters if path.startswith("gemeenten.")
        )
        self._earliest: dt.date | None = None
        self.views: dict[tuple[str, int], dict[str, Any]] = {}  # trace records, see engine
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
        """A copy where ``changes[path][yyyymmdd] = value`` is in force from that date on."""
        params = dict(self._parameters)
        for path, dated in changes.items():
            base = self[path]
            merged = dict(zip(base.starts, base.values, strict=True))
            merged.update(dated)
            starts = tuple(sorted(merged))
            params[path] = replace(
                base,
                starts=starts,
                values=tuple(merged[s] for s in starts),
                value_notes=tuple(None for _ in starts),
                value_references=tuple(None for _ in starts),
                value_confidence=tuple(None for _ in starts),
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
