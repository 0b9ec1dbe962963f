"""Template helpers for money and form fields in the Utrecht components."""

from __future__ import annotations

from decimal import Decimal

from django import forms, template

from meedoen.rules.money import euro_text

register = template.Library()

PERIODS = {"month": "per maand", "quarter": "per kwartaal", "year": "per jaar", "once": "eenmalig"}


@register.filter
def euro(amount: float | Decimal | int | None) -> str:
    """An amount in euro (as in the contract's JSON) in Dutch notation: ``€ 1.401,50``."""
    if amount is None:
        return ""
    return euro_text(int((Decimal(str(amount)) * 100).quantize(Decimal(1))))


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
