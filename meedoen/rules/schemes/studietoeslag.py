"""Studietoeslag as the resident sees it: possible for students who cannot earn beside their study."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, SchemeResult, one, scheme, source


@scheme("studietoeslag", "Studietoeslag")
def describe(s: Simulation) -> SchemeResult:
    amount = one(s, "studietoeslag")
    if amount:
        reasons = [
            Reason(
                "needs_disability",
                f"Kunt u door een ziekte of beperking niet bijverdienen naast uw studie? Dan krijgt u "
                f"{euro_text(amount)} per maand. Vraag het aan bij de gemeente.",
            )
        ]
    else:
        reasons = [
            Reason("no_student", "Studietoeslag is voor studenten met studiefinanciering en een beperking.")
        ]
    src = source(s, "nl.participatiewet.studietoeslag.vanaf_21")
    return SchemeResult("studietoeslag", "Studietoeslag", False, amount, "month", reasons, [src])
