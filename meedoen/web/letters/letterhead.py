"""The letterhead per municipality and the legal facts every letter states, read from YAML data.

A municipality's letterhead (name, addresses, the address for objections, phone, website, logo text)
is data beside the code: ``letterheads/<municipality>.yaml``, each value with the official page it
was read from. The articles a letter cites for the objection term, the duty to report changes and
the right to a person's look at an automated decision live once in ``legal.yaml``; the terms
themselves are computed once, in ``meedoen/web/objections/terms.py``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

DATA_DIR = Path(__file__).resolve().parent
LETTERHEADS = DATA_DIR / "letterheads"
LEGAL = DATA_DIR / "legal.yaml"


class LetterheadError(ValueError):
    """A letterhead or legal-facts file is missing or malformed (the file and field are named)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Address(_Strict):
    lines: tuple[str, ...] = Field(min_length=1)  # e.g. ("Postbus 9105",) or ("Stadhuis", "Markt 1")
    postcode: str = Field(pattern=r"^\d{4} [A-Z]{2}$")
    city: str = Field(min_length=1)

    @property
    def all_lines(self) -> list[str]:
        return [*self.lines, f"{self.postcode} {self.city}"]


class Source(_Strict):
    title: str
    url: str = Field(pattern=r"^https://")


class Letterhead(_Strict):
    """What a letter of this municipality says about the sender."""

    municipality: str  # the folder name under meedoen/parameters/gemeenten/
    name: str  # "Gemeente Nijmegen"
    department: str = "Werk en Inkomen"
    logo_text: str
    case_prefix: str = Field(default="WI", pattern=r"^[A-Z]{2,5}$")
    postal_address: Address
    visiting_address: Address | None = None
    signatory: str  # who signs: "Het college van burgemeester en wethouders van Nijmegen"
    objection_addressee: str  # who an objection is addressed to, as the municipality asks
    objection_address: Address
    phone: str | None = None
    website: str = Field(pattern=r"^https://")
    objection_page: str | None = Field(default=None, pattern=r"^https://")
    sources: tuple[Source, ...] = Field(min_length=1)


class Article(_Strict):
    """A legal reference in the shape of the engine's structured references (``references[]``)."""

    title: str
    url: str = Field(pattern=r"^https://")
    id: str | None = None
    article: str | None = None
    kind: Literal["law", "regulation", "policy", "web"]


class ObjectionTerm(_Strict):
    references: tuple[Article, ...] = Field(min_length=1)
    extension: tuple[Article, ...] = Field(min_length=1)


class LegalFacts(_Strict):
    objection: ObjectionTerm
    information_duty: tuple[Article, ...] = Field(min_length=1)
    human_review: tuple[Article, ...] = Field(min_length=1)
    payment: tuple[Article, ...] = Field(min_length=1)


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LetterheadError(f"{path.name}: bestand ontbreekt ({path})") from None
    if not isinstance(data, dict):
        raise LetterheadError(f"{path.name}: verwacht een mapping")
    return data


def _validated(model: type[BaseModel], path: Path):
    try:
        return model.model_validate(_read(path))
    except ValidationError as exc:
        fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise LetterheadError(f"{path.name}: {fields}") from None


@cache
def letterhead(municipality: str) -> Letterhead:
    """The municipality's letterhead; raises :class:`LetterheadError` when it has none."""
    path = LETTERHEADS / f"{municipality}.yaml"
    head = _validated(Letterhead, path)
    if head.municipality != municipality:
        raise LetterheadError(f"{path.name}: municipality is {head.municipality!r}, not {municipality!r}")
    return head


@cache
def legal_facts() -> LegalFacts:
    """The articles of the objection term, the duty to report changes and the right to human review."""
    return _validated(LegalFacts, LEGAL)


def municipalities_with_letterheads() -> list[str]:
    return sorted(p.stem for p in LETTERHEADS.glob("*.yaml"))
