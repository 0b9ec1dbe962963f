"""Kwijtschelding of municipal taxes: the municipality's choices on top of the national rules.

The municipality chooses the costs of existence as a share of the bijstand norm (the
Uitvoeringsregeling's 90 %, or up to 100 %), which taxes can be remitted and their amounts (its
belastingverordeningen). ``nl/invordering/kwijtschelding.py`` has the national steps. Where the
municipality's tax amounts are not known, the check still says what the household pays itself
(the eigen bijdrage) and remits the whole aanslag only where that is nil.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.nl.invordering.kwijtschelding import KW
from meedoen.rules.money import round_div, round_half_up

KWIJTSCHELDING = "kwijtschelding"
KWIJTSCHELDING_CONDITIONS = ("kwijtschelding_vermogen", "kwijtschelding_betalingscapaciteit_toereikend")


def aanslag_known(s: Simulation) -> bool:
    """Whether the municipality's tax amounts are known on the peildatum (not ``not_found``)."""
    path = f"gemeenten.{s.pop.municipality}.{KWIJTSCHELDING}.aanslag_eenpersoons"
    return s.parameters[path].confidence_at(s.d) != "not_found"


@variable(
    HOUSEHOLD,
    "Kosten van bestaan voor de kwijtschelding per maand",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 16",
)
def kwijtschelding_kosten_van_bestaan(s: Simulation) -> np.ndarray:
    """Art. 16: the municipality's share of the unit's bijstand norm (art. 21 or 22 Participatiewet,
    with the kostendelersnorm where it applies, as Arnhem says it does since 2018), plus the AOW-age
    increase of lid 3. Under 21 the engine's norm is the youth norm of art. 20, where the text read
    names the art. 21 norms: to be checked against the current text."""
    share = s.local(f"{KWIJTSCHELDING}.kosten_van_bestaan_percentage")
    return round_half_up(share * s("norm")) + s("kwijtschelding_verhoging_aow")


@variable(
    HOUSEHOLD,
    "Betalingscapaciteit per maand",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 13 lid 1",
)
def kwijtschelding_betalingscapaciteit(s: Simulation) -> np.ndarray:
    """Art. 13 lid 1: the positive difference between the net disposable income and the costs of
    existence."""
    return np.maximum(
        s("kwijtschelding_netto_besteedbaar_inkomen") - s("kwijtschelding_kosten_van_bestaan"), 0
    )


@variable(
    HOUSEHOLD,
    "Eigen bijdrage aan de gemeentelijke belastingen per jaar",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 11 onderdeel b",
)
def kwijtschelding_eigen_bijdrage(s: Simulation) -> np.ndarray:
    """Art. 11 onderdeel b: 80 % of the payment capacity over the 12 months of art. 13 goes to the
    aanslag; what remains of the aanslag is remitted."""
    months = s.p(f"{KW}.periode_maanden")
    return round_half_up(
        s.p(f"{KW}.aandeel_betalingscapaciteit") * months * s("kwijtschelding_betalingscapaciteit")
    )


@variable(
    HOUSEHOLD,
    "Vrijgesteld vermogen voor de kwijtschelding",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 12 lid 2 onderdeel d",
)
def kwijtschelding_vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 12 lid 2 onderdeel d: savings up to one month's costs of existence plus the monthly
    housing costs (without deducting huurtoeslag) do not count as assets."""
    return s("kwijtschelding_kosten_van_bestaan") + s("kwijtschelding_woonlasten_bruto")


@variable(
    HOUSEHOLD,
    "Geen vermogen boven de vrijstelling voor de kwijtschelding",
    "bool",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 11 en 12",
)
def kwijtschelding_vermogen(s: Simulation) -> np.ndarray:
    """Art. 11 and 12: assets above the exempt amount go to the aanslag first; the check counts the
    household's assets (vermogen) as savings."""
    return s.pop.assets_cents <= s("kwijtschelding_vermogensgrens")


@variable(
    HOUSEHOLD,
    "Kwijtscheldbare belastingen per jaar",
    "EUR",
    reference="local:kwijtschelding.aanslag_eenpersoons",
)
def kwijtschelding_aanslag(s: Simulation) -> np.ndarray:
    """The municipality's remittable taxes for a household of one person or of more (0 where the
    amounts were not found)."""
    one, more = (s.local(f"{KWIJTSCHELDING}.aanslag_{size}") for size in ("eenpersoons", "meerpersoons"))
    if one == more:
        return np.full(s.pop.size, one, np.int64)
    return np.where(s("household_size") == 1, one, more)


@variable(
    HOUSEHOLD,
    "Betalingscapaciteit lager dan de aanslag",
    "bool",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 11",
)
def kwijtschelding_betalingscapaciteit_toereikend(s: Simulation) -> np.ndarray:
    """Art. 11: remission is left where the eigen bijdrage is below the aanslag; where the
    municipality's amounts are not known, only a nil eigen bijdrage (whole aanslag remitted) is sure."""
    if aanslag_known(s):
        return s("kwijtschelding_eigen_bijdrage") < s("kwijtschelding_aanslag")
    return s("kwijtschelding_eigen_bijdrage") == 0


@variable(
    HOUSEHOLD,
    "Voldoet aan de voorwaarden voor kwijtschelding",
    "bool",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 11-16",
)
def kwijtschelding_recht(s: Simulation) -> np.ndarray:
    """Every condition of ``KWIJTSCHELDING_CONDITIONS``."""
    return all_conditions(s, KWIJTSCHELDING_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Kwijtschelding per jaar",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 11",
    defined_for="kwijtschelding_recht",
)
def kwijtschelding(s: Simulation) -> np.ndarray:
    """The aanslag minus the eigen bijdrage where the conditions hold (0 where the municipality's
    amounts are unknown: the valuation is then unknown, never €0)."""
    return np.maximum(s("kwijtschelding_aanslag") - s("kwijtschelding_eigen_bijdrage"), 0)


@variable(HOUSEHOLD, "Kwijtschelding omgerekend per maand", "EUR", helper=True)
def kwijtschelding_waarde_maand(s: Simulation) -> np.ndarray:
    """The taxes remitted for the year, a twelfth per month: the fixed costs it takes away."""
    return round_div(s("kwijtschelding"), 12)
