"""The individuele inkomenstoeslag as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Reason, SchemeResult, local_scheme, one, source
from meedoen.rules.schemes.income_test import income_reasons

IIT = "individuele_inkomenstoeslag"
NAME = "Individuele inkomenstoeslag"


@local_scheme(IIT, NAME)
def describe(s: Simulation) -> SchemeResult:
    amount, eligible = one(s, IIT), bool(s("individuele_inkomenstoeslag_recht")[0])
    years, minimum = s.local(f"{IIT}.jaren_laag_inkomen"), s.local(f"{IIT}.minimum_leeftijd")
    age = one(s, "applicant_age")
    if age < minimum or bool(s.of_applicant(s("has_aow_age"))[0]):
        reasons = [Reason("age", f"De toeslag is voor mensen van {minimum} jaar tot de AOW-leeftijd.")]
    elif bool(s.of_applicant(s.pop.student_finance)[0]):
        reasons = [Reason("student", "De toeslag is niet voor studenten met studiefinanciering.")]
    elif int(s.pop.low_income_since[0]) == 0:
        reasons = [
            Reason(
                "low_income_since_unknown",
                f"Heeft u al {years} jaar of langer een laag inkomen? Vul in sinds wanneer.",
            )
        ]
    elif not bool(s("langdurig_laag_inkomen")[0]):
        reasons = [
            Reason(
                "low_income_too_short",
                f"U heeft nog geen {years} jaar een laag inkomen. Na {years} jaar komt u in aanmerking.",
            )
        ]
    else:
        granted = (
            f"U krijgt {euro_text(amount)} per jaar." if amount else "De gemeente stelt het bedrag vast."
        )
        reasons = income_reasons(s, "individuele_inkomenstoeslag_inkomensgrens", granted)
    if eligible and not amount:
        reasons.append(
            Reason("amount_unknown", "Het bedrag van deze gemeente is bij Meedoen nog niet bekend.")
        )
    src = source(s, f"gemeenten.{s.pop.municipality}.{IIT}.bedrag_alleenstaande")
    return SchemeResult(IIT, NAME, eligible, amount, "year", reasons, [src])
