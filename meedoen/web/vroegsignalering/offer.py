"""The offer at the door: a Regelingencheck pre-filled from the case, through the portal's own code.

A signal tells little: a date of birth, the address, the arrears. The rest starts from stated
assumptions (a single adult on a low income) that the worker corrects with the resident; the
engine then lists the schemes the household probably misses. No rule is computed here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from meedoen.web.portal.outcome import Outcome, outcome_of
from meedoen.web.portal.questionnaire import Questionnaire
from meedoen.web.vroegsignalering.models import SignalCase

ASSUMED = {
    "birth_date": dt.date(1980, 1, 1),
    "income": Decimal("1100"),
    "rent": Decimal("750"),
    "energy": Decimal("150"),
    "assets": Decimal("0"),
}


def initial_answers(case: SignalCase) -> dict[str, Any]:
    """What the case knows (the date of birth from a signal), the assumptions for the rest."""
    birth = case.signals.exclude(birth_date=None).values_list("birth_date", flat=True).first()
    return {**ASSUMED, "birth_date": birth or ASSUMED["birth_date"]}


def offer(answers: dict[str, Any]) -> Outcome:
    """The engine's outcome for a single adult with these answers (the OfferForm's cleaned data)."""
    questionnaire = Questionnaire(
        {
            "over-u": {"birth_date": answers["birth_date"].isoformat()},
            "huishouden": {"partner": "nee", "children": "0", "housemates": "0"},
            "inkomen": {"income": str(answers["income"])},
            "wonen": {"kind": "rent", "rent": str(answers["rent"]), "energy": str(answers["energy"])},
            "vermogen": {"assets": str(answers["assets"]), "low_income_since": ""},
        }
    )
    return outcome_of(questionnaire, with_changes=False)
