"""Huurtoeslag as the resident sees it: the amount, or the first condition that is not met."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.nl.toeslagen.huurtoeslag import HUURTOESLAG_CONDITIONS
from meedoen.rules.money import euro_text
from meedoen.rules.schemes import (
    Condition,
    Reason,
    SchemeResult,
    conditions,
    first_failed,
    one,
    scheme,
    source,
)

HT = "nl.toeslagen.huurtoeslag"
NEW_SYSTEM = 20260101  # from this date the maximale huurgrens caps the rent instead of excluding


def _assets(s: Simulation) -> str:
    return (
        f"Uw vermogen ({euro_text(int(s.pop.assets_cents[0]))}) is hoger dan "
        f"{euro_text(one(s, 'huurtoeslag_vermogensgrens'))}. Met meer vermogen is er geen huurtoeslag."
    )


def _rent_limit(s: Simulation) -> str:
    """Names the limit that decided: the youth limit when nobody in the home has the age limit."""
    rent, maximum = int(s.pop.rent_cents[0]), one(s, "huurtoeslag_maximale_huur")
    text = f"Uw huur ({euro_text(rent)}) is hoger dan de grens van {euro_text(maximum)} per maand."
    if maximum == s.p(f"{HT}.maximale_huur_jongeren"):
        age = s.p(f"{HT}.leeftijd_maximale_huur")
        return (
            f"{text} Die grens geldt als iedereen in huis jonger is dan {age} jaar en er geen kind woont. "
            f"Met een huur tot {euro_text(maximum)} komt u in aanmerking."
        )
    return f"{text} Met een huur tot {euro_text(maximum)} komt u in aanmerking."


def _income(s: Simulation) -> str:
    """Too little left after the income; a rent under the basishuur is named as such."""
    if s.d >= NEW_SYSTEM:
        size = one(s, "household_size")
        basis = s.p(f"{HT}.basishuur_meerpersoons" if size > 1 else f"{HT}.basishuur_eenpersoons")
        if one(s, "huurtoeslag_rekenhuur") <= basis:
            return (
                f"Uw huur is niet hoger dan {euro_text(basis)} per maand. Dat deel betaalt iedereen zelf, "
                "daarom is er geen huurtoeslag."
            )
        grens = one(s, "huurtoeslag_inkomensgrens")
        return (
            f"Uw inkomen is te hoog voor deze huur. Met een inkomen tot {euro_text(grens)} per jaar "
            "komt u in aanmerking."
        )
    return "Uw inkomen is te hoog voor deze huur: er blijft geen huurtoeslag over."


CONDITIONS = conditions(
    HUURTOESLAG_CONDITIONS,
    {
        "huurtoeslag_huurwoning": Condition(
            "not_renting", lambda s: "Huurtoeslag is er voor wie een woning huurt."
        ),
        "huurtoeslag_leeftijd": Condition(
            "under_18",
            lambda s: (
                "Huurtoeslag is er vanaf 18 jaar: vanaf de maand na uw 18e verjaardag "
                "(of die maand, als u op de 1e jarig bent)."
            ),
        ),
        "huurtoeslag_vermogen": Condition("assets_above_limit", _assets),
        "huurtoeslag_huurgrens": Condition("rent_above_maximum", _rent_limit),
        "huurtoeslag_inkomen": Condition("income_above_limit", _income),
    },
)


@scheme("huurtoeslag", "Huurtoeslag", conditions=CONDITIONS)
def describe(s: Simulation) -> SchemeResult:
    sources = [source(s, f"{HT}.maximale_huur"), source(s, f"{HT}.vermogensgrens_per_persoon")]
    failed = first_failed(s, CONDITIONS)
    if failed is not None:
        return SchemeResult("huurtoeslag", "Huurtoeslag", False, 0, "month", [failed], sources)
    rent, counted = int(s.pop.rent_cents[0]), one(s, "huurtoeslag_rekenhuur")
    text = (
        f"U huurt voor {euro_text(rent)} per maand en uw inkomen is niet te hoog. "
        "U krijgt een bijdrage in de huur."
    )
    if counted < rent:
        text += f" Over het deel van de huur boven {euro_text(counted)} krijgt u geen huurtoeslag."
    reasons = [Reason("rent_and_income_fit", text)]
    return SchemeResult("huurtoeslag", "Huurtoeslag", True, one(s, "huurtoeslag"), "month", reasons, sources)
