"""The parameter files: what a YAML file under ``meedoen/parameters/`` may hold (validated with
pydantic, a bad file or key named in the error) and how its values are read (euro amounts to integer
cents, dates to ``yyyymmdd``, tables to a :class:`~meedoen.rules.parameter_model.Scale`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from meedoen.rules.errors import ParameterFileError
from meedoen.rules.local_parameter_rules import check_local_file
from meedoen.rules.parameter_model import Parameter, Reference, Scale
from meedoen.rules.periods import to_int

PARAMETER_ROOT = Path(__file__).resolve().parent.parent / "parameters"

Unit = Literal["EUR", "/1", "years", "months", "count", "bool", "text", "scale", "date"]
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
    if unit == "date":  # a date the law names (a birth date ...), held as yyyymmdd like the population's
        try:
            return to_int(dt.date.fromisoformat(str(raw)))
        except ValueError:
            raise ParameterFileError(file, key, f"expected a date (yyyy-mm-dd), got {raw!r}") from None
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
        check_local_file(data, path, name)
    return out
