"""Template helpers for money and form fields in the Utrecht components."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms, template
from django.utils.dateformat import format as format_date

from meedoen.rules.money import cents_of, euro_text

register = template.Library()

PERIODS = {"month": "per maand", "quarter": "per kwartaal", "year": "per jaar", "once": "eenmalig"}


@register.filter
def euro(amount: float | Decimal | int | None) -> str:
    """An amount in euro (as in the contract's JSON) in Dutch notation: ``€ 1.401,50``."""
    if amount is None:
        return ""
    return euro_text(cents_of(amount))


@register.filter
def cents(amount: int | None) -> str:
    """Integer cents (as stored) in Dutch notation."""
    return "" if amount is None else euro_text(amount)


@register.filter
def period(code: str) -> str:
    return PERIODS.get(code, code)


@register.filter
def is_choice_group(field: forms.BoundField) -> bool:
    """Radio buttons and checkbox lists are a fieldset with a legend, not a single label."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.filter
def percentage(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


@register.filter
def source_label(url: str) -> str:
    """A readable name for a legal source link: ``Participatiewet art. 21`` rather than the URL."""
    laws = {"BWBR0015703": "Participatiewet", "BWBR0002221": "AOW", "BWBR0018472": "Wet op de zorgtoeslag"}
    law = next((name for code, name in laws.items() if code in url), "")
    article = url.rsplit("#Artikel", 1)[1] if "#Artikel" in url else ""
    if law:
        return f"{law}, artikel {article}" if article else law
    return url.split("//", 1)[-1].split("/", 1)[0]


CONFIDENCE = {
    "verified": "gecontroleerd in de officiële tekst",
    "derived": "afgeleid uit gecontroleerde bedragen",
    "secondary": "uit een secundaire bron",
    "not_found": "officiële bron niet gevonden",
}


@register.filter
def confidence(code: str) -> str:
    """A parameter's confidence mark in Dutch, for the admin."""
    return CONFIDENCE.get(code, code)


LEGAL_KINDS = ("law", "regulation")
_ARTICLE = re.compile(r",?\s+art\.\s+")


def as_reference(ref: dict[str, Any] | str) -> dict[str, Any]:
    """A structured reference (the contract's ``references[]``); a bare URL, as older decisions stored
    them, becomes one: a law on wetten.overheid.nl, a regulation on lokaleregelgeving, else a page."""
    if isinstance(ref, dict):
        return ref
    kind = "law" if "/BWBR" in ref else "regulation" if "CVDR" in ref else "web"
    return {"title": source_label(ref), "url": ref, "id": None, "article": None, "kind": kind}


@register.filter
def legal_basis(refs: list[dict[str, Any] | str] | None) -> list[dict[str, Any]]:
    """The references that are a law or regulation: only these may be called "Wettelijke basis"."""
    return [r for r in map(as_reference, refs or []) if r.get("kind") in LEGAL_KINDS]


@register.filter
def other_sources(refs: list[dict[str, Any] | str] | None) -> list[dict[str, Any]]:
    """Policy rules and official web pages: shown as "Bron", never as a legal basis."""
    return [r for r in map(as_reference, refs or []) if r.get("kind") not in LEGAL_KINDS]


@register.filter
def reference_label(ref: dict[str, Any] | str) -> str:
    """A reference for people: ``Participatiewet, artikel 21 onderdeel a`` (the article spelled out)."""
    ref = as_reference(ref)
    title = _ARTICLE.sub(", artikel ", ref.get("title") or "").strip()
    article = ref.get("article")
    if article and "artikel" not in title.lower():
        title = f"{title}, artikel {article}"
    return title or source_label(ref.get("url", ""))


def _date(value: dt.date | str) -> str:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return format_date(day, "j F Y")


@register.filter
def provisional_text(item: dict[str, Any], peildatum: dt.date | str) -> str:
    """Why a scheme's (or the norm's) result is provisional, in plain Dutch: the amounts for the date
    are not published yet, so the last published ones are used, and until when those hold.

    ``values_until`` is named rather than ``provisional_basis``: the basis is the newest start among
    the late parameters (an AOW age fixed years ahead, say), not the date of the amounts a resident
    sees, so "de bedragen van <basis>" could name a date that no amount on the page is from."""
    until = item.get("values_until")
    what = "Voorlopig bedrag" if item.get("eligible") and item.get("amount") else "Voorlopige uitkomst"
    used = f" (die gelden tot en met {_date(until)})" if until else ""
    return (
        f"{what}: de bedragen voor {_date(peildatum)} zijn nog niet gepubliceerd. "
        f"We rekenen met de laatst gepubliceerde bedragen{used}."
    )


@register.filter
def isodate(value: str | dt.date | None) -> dt.date | None:
    """An ISO date from the contract's JSON as a date, for the ``date`` filter."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


@register.filter
def is_unknown(item: dict[str, Any]) -> bool:
    """Whether Meedoen cannot compute a scheme on the date: no answer and no amount ("onbekend")."""
    return item.get("status") == "unknown" or item.get("eligible") is None


@register.filter
def trace_value(value: object) -> str:
    """A trace value for people: per-person values as ``a: 37, b: 39``, lists joined."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)
