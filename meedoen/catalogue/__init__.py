"""The scheme catalogue: how each regeling is explained and applied for, kept apart from the rules.

One YAML file for the national schemes (``nl.yaml``) and one per municipality
(``gemeenten/<m>.yaml``), keyed by the scheme id of the household contract. Texts are plain Dutch
(B1). Amounts never appear here: they come from the rules engine (aides-jeunes style).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from meedoen.rules.errors import ParameterFileError

ROOT = Path(__file__).resolve().parent


class Entry(BaseModel):
    """What a resident reads about one regeling."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=3, max_length=60)
    description: str = Field(min_length=20, max_length=600)
    conditions: list[str] = Field(min_length=1)
    bring: list[str] = Field(default_factory=list)
    apply: str = Field(min_length=10)
    link: str = Field(pattern=r"^https://")


def _load(file: Path) -> dict[str, Entry]:
    raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    entries = {}
    for scheme_id, data in raw.items():
        try:
            entries[scheme_id] = Entry.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise ParameterFileError(
                str(file), f"{scheme_id}.{'.'.join(map(str, err['loc']))}", err["msg"]
            ) from None
    return entries


@lru_cache(maxsize=32)
def catalogue(municipality: str, root: Path = ROOT) -> dict[str, Entry]:
    """The national entries and the municipality's own, by scheme id."""
    local = root / "gemeenten" / f"{municipality}.yaml"
    return {**_load(root / "nl.yaml"), **(_load(local) if local.exists() else {})}
