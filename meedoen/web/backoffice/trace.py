"""The engine's explanation as a consultant reads it: every trace step in Dutch.

The engine's trace carries a Dutch label per variable (the registry of ``meedoen.rules.engine``) and
an explanation per formula that is written for developers (English, with internal names). A case page
shows the label, the value in Dutch (``ja``/``nee``, euro, dates, named choices instead of codes), the
steps it was computed from (by their labels), the legal article and the parameters with their Dutch
descriptions and sources; never the developers' text, never ``True``/``False`` or a code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from meedoen.rules.money import cents_of, decimal_text, euro_text, percent
from meedoen.rules.parameters import default_parameters
from meedoen.web.calculation import CHOICE_CODES  # the engine's codes, by position

ROLES = {"applicant": "aanvrager", "partner": "partner", "child": "kind", "housemate": "medebewoner"}
# Every answer or variable whose value is a choice, by its code (a name, or an index into the names).
CHOICES: dict[str, dict[str, str]] = {
    "input:persons.role": ROLES,
    "input:housing.kind": {
        "rent": "huurwoning",
        "own": "koopwoning",
        "institution": "instelling",
        "homeless": "geen vaste woonplek",
    },
    "input:persons.school": {
        "none": "gaat niet naar school",
        "po": "basisschool",
        "vo": "middelbare school",
        "mbo": "mbo",
        "hbo_wo": "hbo of universiteit",
    },
    "household_type": {"single": "alleenstaande", "single_parent": "alleenstaande ouder", "couple": "paar"},
    "vrijlating_grond": {
        "geen": "geen vrijlating",
        "31.2n": "art. 31 lid 2 onderdeel n (werk, de eerste zes maanden)",
        "31.2n_aow": "art. 31 lid 2 onderdeel n (werk na de AOW-leeftijd)",
        "31.2r": "art. 31 lid 2 onderdeel r (alleenstaande ouder met een kind jonger dan 12)",
        "34a.1a": "art. 34a lid 1 onderdeel a (werk)",
        "34a.1c": "art. 34a lid 1 onderdeel c (werk na de AOW-leeftijd)",
    },
}


def _norm_categories() -> dict[str, str]:
    """The norm categories of art. 20-23, named by the description of their norm parameter."""
    parameters = default_parameters()
    out = {"geen_recht_jonger_dan_18": "jonger dan 18 jaar: geen bijstandsnorm"}
    for name in CHOICE_CODES["norm_category"]:
        path = f"nl.participatiewet.normen.{name}"
        if path in parameters:
            out[name] = parameters[path].description.rstrip(".")
    return out


CHOICES["norm_category"] = _norm_categories()
# Variables whose value is an index into a tuple of codes.
INDEXED = CHOICE_CODES
NOT_GIVEN = "niet opgegeven"


@dataclass(frozen=True)
class Parameter:
    description: str
    value: str
    references: list[dict[str, Any]]
    source: str
    reference: str
    provisional: bool


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    from_labels: list[str]
    article: str
    given: bool  # an answer of the resident, not a computed step
    parameters: list[Parameter] = field(default_factory=list)


def _date(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d-%m-%Y")


def plain(value: Any, unit: str, variable: str = "") -> str:
    """One value in Dutch, by its unit."""
    if value is None:
        return NOT_GIVEN
    if isinstance(value, bool) or unit == "bool":
        return "ja" if value else "nee"
    if variable in CHOICES:
        code = INDEXED[variable][value] if variable in INDEXED and isinstance(value, int) else value
        return CHOICES[variable].get(str(code), "onbekend")
    if isinstance(value, list):
        return f"tabel met {len(value)} regels"
    if unit == "EUR":
        return euro_text(cents_of(value))
    if unit == "date":
        return _date(value)
    if unit == "years":
        return f"{value} jaar"
    if unit == "months":
        return f"{value} maanden"
    if unit == "/1":
        return percent(value * 100, decimals=1)
    if isinstance(value, float):
        return decimal_text(value, 2)
    return str(value)


def person_names(household: dict[str, Any]) -> dict[str, str]:
    """Each person of the household by role in Dutch, numbered when a role occurs more than once."""
    persons = household.get("persons", [])
    roles = [ROLES.get(p.get("role"), "gezinslid") for p in persons]
    seen: dict[str, int] = {}
    names = {}
    for person, role in zip(persons, roles, strict=True):
        seen[role] = seen.get(role, 0) + 1
        names[str(person.get("id"))] = f"{role} {seen[role]}" if roles.count(role) > 1 else role
    return names


def household_people(household: dict[str, Any]) -> list[str]:
    """The persons of a household as a consultant reads them: "aanvrager (14-03-1988)"."""
    names = person_names(household)
    return [
        f"{names[str(p.get('id'))]} ({_date(p['birth_date']) if p.get('birth_date') else NOT_GIVEN})"
        for p in household.get("persons", [])
    ]


def shown(step: dict[str, Any], names: dict[str, str]) -> str:
    value, unit, variable = step.get("value"), step.get("unit", ""), step.get("variable", "")
    if isinstance(value, dict):  # per person, by id
        return "; ".join(
            f"{names.get(str(k), 'gezinslid')}: {plain(v, unit, variable)}" for k, v in value.items()
        )
    return plain(value, unit, variable)


def label_of(name: str, labels: dict[str, str]) -> str:
    """A step's Dutch label; every input of a step is a step of the trace itself, with its label."""
    return labels.get(name, "een eerdere stap")


def rows(trace: list[dict[str, Any]], household: dict[str, Any]) -> list[Row]:
    names = person_names(household)
    labels = {s["variable"]: s.get("label") or "een stap van de berekening" for s in trace}
    out = []
    for step in trace:
        parameters = [
            Parameter(
                description=(p.get("description") or "Bedrag of grens uit de regels").rstrip(". "),
                value=plain(p.get("value"), p.get("unit", "")),
                references=p.get("references") or [],
                source=p.get("source", ""),
                reference=p.get("reference", ""),
                provisional=bool(p.get("provisional")),
            )
            for p in step.get("parameters", [])
        ]
        out.append(
            Row(
                label=labels[step["variable"]],
                value=shown(step, names),
                from_labels=list(dict.fromkeys(label_of(i, labels) for i in step.get("inputs", []))),
                article=step.get("reference", "") if " " in step.get("reference", "") else "",
                given=step["variable"].startswith("input:"),
                parameters=parameters,
            )
        )
    return out


def _outcome(application) -> dict[str, Any] | None:
    for scheme in application.submission.scheme_outcomes():
        if scheme.get("id") == application.scheme_id:
            return scheme
    return None


PERIODS = {"month": "per maand", "quarter": "per kwartaal", "year": "per jaar", "once": "eenmalig"}


def expected_amount(application) -> str:
    """What the check expected for an application, in words where there is no amount: "geen recht"
    (the check found no right), "bedrag onbekend" (no figures for the date), never "€ 0,00"."""
    outcome = _outcome(application)
    period = PERIODS.get(application.period, "")
    if outcome is None:
        cents = application.expected_amount_cents
        return f"{euro_text(cents)} {period}".strip() if cents else "bedrag onbekend"
    if outcome.get("status") == "unknown" or outcome.get("eligible") is None or outcome.get("amount") is None:
        return "bedrag onbekend"
    if not outcome["eligible"]:
        return "geen recht"
    if not application.expected_amount_cents:
        return "recht, geen geldbedrag"
    return f"{euro_text(application.expected_amount_cents)} {period}".strip()
