"""The individuele inkomenstoeslag as the resident sees it."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.individuele_inkomenstoeslag import IIT, IIT_CONDITIONS
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import Condition, Reason, SchemeResult, first_failed, local_scheme, one, source
from meedoen.rules.schemes.income_test import granted, income_tested

NAME = "Individuele inkomenstoeslag"
LIMIT = f"{IIT}_inkomensgrens"


def _age(s: Simulation) -> str:
    return f"De toeslag is voor mensen van {s.local(f'{IIT}.minimum_leeftijd')} jaar tot de AOW-leeftijd."


def _low_income_too_short(s: Simulation) -> str:
    years = s.local(f"{IIT}.jaren_laag_inkomen")
    if int(s.pop.low_income_since[0]) == 0:
        return f"Heeft u al {years} jaar of langer een laag inkomen? Vul in sinds wanneer."
    return f"U heeft nog geen {years} jaar een laag inkomen. Na {years} jaar komt u in aanmerking."


CONDITIONS = income_tested(
    IIT_CONDITIONS,
    LIMIT,
    {
        f"{IIT}_leeftijd": Condition("age", _age),
        f"{IIT}_geen_student": Condition(
            "student", lambda s: "De toeslag is niet voor studenten met studiefinanciering."
        ),
        "langdurig_laag_inkomen": Condition("low_income_too_short", _low_income_too_short),
    },
)


@local_scheme(IIT, NAME, conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    amount = one(s, IIT)
    refused = first_failed(s, CONDITIONS)
    unknown = refused is None and not one(s, f"{IIT}_bedrag_bekend")
    if refused is not None:
        reasons = [refused]
    elif unknown:
        reasons = [
            granted(s, LIMIT, "De gemeente stelt het bedrag vast."),
            Reason("amount_unknown", "Het bedrag van deze gemeente is bij Meedoen nog niet bekend."),
        ]
    else:
        reasons = [granted(s, LIMIT, f"U krijgt {euro_text(amount)} per jaar.")]
    src = source(s, f"gemeenten.{s.pop.municipality}.{IIT}.bedrag_alleenstaande")
    # An amount not found in a source is unknown (null, "bedrag onbekend"), never €0.
    extra = {"amount": None} if unknown else {}
    return SchemeResult(IIT, NAME, refused is None, amount, "year", reasons, [src], extra)
