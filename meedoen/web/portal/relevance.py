"""Which questions can change the outcome: asked only then, and the choices that fit the household.

No rule is written here: whether an answer matters is found by asking the engine twice (with the
most favourable answer and without it) and comparing what it says.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings

from meedoen.catalogue import catalogue
from meedoen.rules.errors import RulesError
from meedoen.web.calculation import evaluate, peildatum

if TYPE_CHECKING:
    from meedoen.web.portal.questionnaire import Questionnaire

# Schemes a household can already be receiving (a payment, a pass or an insurance that runs on);
# one-off help (bijzondere bijstand, the children's fund) is asked for per cost, never "received".
RECEIVABLE = (
    "bijstand",
    "zorgtoeslag",
    "huurtoeslag",
    "kinderbijslag",
    "kindgebonden_budget",
    "studietoeslag",
    "gelrepas",
    "meedoenpas",
    "stadjerspas",
    "meedoenregeling",
    "collectieve_zorgverzekering",
)
FOR_CHILDREN = ("kinderbijslag", "kindgebonden_budget")
STEPS_BEFORE_ASSETS = ("over-u", "huishouden", "leeftijden", "inkomen", "wonen")
LONG_AGO_DAYS = 20 * 365


def receivable(municipality: str, household: dict[str, Any]) -> list[tuple[str, str]]:
    """The "Krijgt u al ...?" choices: id and the catalogue's name, child schemes only with children."""
    entries = catalogue(municipality)
    no_children = household.get("children") == 0
    return [
        (scheme_id, entries[scheme_id].title)
        for scheme_id in RECEIVABLE
        if scheme_id in entries and not (no_children and scheme_id in FOR_CHILDREN)
    ]


def low_income_matters(q: Questionnaire) -> bool:
    """Whether "since when a low income" can change any scheme, with the answers so far and no
    assets: asked (True) until the earlier steps are complete, and whenever the engine says it can."""
    if any(q.cleaned(step.slug) is None for step in q.steps() if step.slug in STEPS_BEFORE_ASSETS):
        return True
    municipality = settings.MUNICIPALITY
    date = peildatum(municipality)
    long_ago = date - dt.timedelta(days=LONG_AGO_DAYS)
    try:
        without, _ = q.household(municipality, date, {"assets": Decimal(0)})
        with_it, _ = q.household(municipality, date, {"assets": Decimal(0), "low_income_since": long_ago})
        before, after = evaluate(without), evaluate(with_it)
    except (RulesError, KeyError, TypeError):
        return True  # the engine cannot tell: ask rather than leave a right out
    outcome = {s["id"]: (s["eligible"], s["amount"]) for s in before["schemes"]}
    return any(outcome.get(s["id"]) != (s["eligible"], s["amount"]) for s in after["schemes"])
