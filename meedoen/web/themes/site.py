"""What a municipality's pages look like and say about the site, as data: one YAML file per
municipality in ``municipalities/`` (theme class, stylesheets, where each colour came from, privacy
facts). Contact details come from the letterhead (``meedoen/web/letters/letterheads``), so a phone
number or address is written down once, with its source."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from meedoen.web.letters.letterhead import Letterhead, LetterheadError, letterhead

MUNICIPALITIES = Path(__file__).resolve().parent / "municipalities"


class ThemeError(ValueError):
    """A municipality's site file is missing or malformed (the file and field are named)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: str
    url: str = Field(pattern=r"^https://")


class Site(_Strict):
    """The look and the site facts of one municipality's deployment."""

    municipality: str
    theme_class: str = Field(pattern=r"^[a-z-]+-theme$")  # the CSS class the token files scope to
    # Static paths, loaded after the Utrecht base tokens: the municipality's tokens override them.
    stylesheets: tuple[str, ...] = Field(min_length=1)
    theme_sources: tuple[Source, ...] = Field(min_length=1)  # where the colours were read
    theme_note: str = ""  # e.g. that no house style was found and the colours are neutral
    privacy_contact: str  # who answers privacy questions (the municipality's own route)
    retention: str  # how long the application data is kept, in plain Dutch


@cache
def site_for(municipality: str) -> Site:
    path = MUNICIPALITIES / f"{municipality}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        site = Site.model_validate(data)
    except FileNotFoundError:
        raise ThemeError(f"{path.name}: bestand ontbreekt ({path})") from None
    except ValidationError as exc:
        fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ThemeError(f"{path.name}: {fields}") from None
    if site.municipality != municipality:
        raise ThemeError(f"{path.name}: municipality is {site.municipality!r}, not {municipality!r}")
    return site


def current_site() -> Site:
    return site_for(settings.MUNICIPALITY)


def contact_for(municipality: str) -> Letterhead | None:
    """The municipality's name, phone, address and website, as its letters state them."""
    try:
        return letterhead(municipality)
    except LetterheadError:
        return None


def call_us(municipality: str | None = None) -> str:
    """How a resident reaches the municipality, as one sentence: its phone number from the letterhead
    ("Bel <nummer>."), or its website where no number is published (Groningen's letterhead has none)."""
    contact = contact_for(municipality or settings.MUNICIPALITY)
    if contact is None:
        return "Neem contact op met uw gemeente."
    if contact.phone:
        return f"Bel {contact.phone}."
    return f"Kijk op {contact.website.removeprefix('https://')} hoe u de gemeente bereikt."


def municipalities_with_sites() -> list[str]:
    return sorted(p.stem for p in MUNICIPALITIES.glob("*.yaml"))
