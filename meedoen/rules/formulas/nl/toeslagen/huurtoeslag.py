"""Huurtoeslag (Wet op de huurtoeslag), per household, as the law of the peildatum computes it.

Two systems, as two dated formulas: up to 2025 the basishuur follows a normhuur a·Y²+b·Y and a
rent above the maximale huurgrens excludes; from 2026 the basishuur is fixed, the toeslag falls
linearly with income and the maximale huurgrens only caps the rent that counts (art. 21.1.d).
Every eligibility condition is one boolean variable, used by the amount and by the reason text.
Ages are taken on the first day of the month (Awir art. 5).
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, all_conditions, variable
from meedoen.rules.errors import CoverageError
from meedoen.rules.formulas.household.persons import aow_birth_cutoff
from meedoen.rules.formulas.nl.toeslagen.awir import EURO, T, _awir_minimum
from meedoen.rules.money import round_half_up
from meedoen.rules.periods import age_on, first_of_month, from_int
from meedoen.rules.population import CHILD, HOUSEMATE, RENT

HT = f"{T}.huurtoeslag"
RENTERS = "huurtoeslag_huurwoning"  # the amount is computed for renters only (the rest gets nil)

HUURTOESLAG_CONDITIONS = (
    "huurtoeslag_huurwoning",
    "huurtoeslag_leeftijd",
    "huurtoeslag_vermogen",
    "huurtoeslag_huurgrens",
    "huurtoeslag_inkomen",
)


@variable(HOUSEHOLD, "Aantal personen in de woning", "count", reference="Wet op de huurtoeslag art. 20 lid 2")
def household_size(s: Simulation) -> np.ndarray:
    """Everyone living in the dwelling: the huurtoeslag counts the whole household."""
    return np.diff(s.pop.offsets, append=len(s.pop.role))


@variable(PERSON, "Leeftijd op de eerste dag van de maand", "years", reference="Awir art. 5")
def age_first_of_month(s: Simulation) -> np.ndarray:
    """Awir art. 5: a birthday after the first day of the month counts from the next month."""
    return age_on(first_of_month(s.d), s.pop.birth)


@variable(HOUSEHOLD, "Huurt een woning", "bool", reference="Wet op de huurtoeslag art. 7 lid 1")
def huurtoeslag_huurwoning(s: Simulation) -> np.ndarray:
    """Wet op de huurtoeslag art. 1 (huurder) and art. 7: a rented home with a rent."""
    return (s.pop.housing_kind == RENT) & (s.pop.rent_cents > 0)


@variable(
    HOUSEHOLD,
    "Aanvrager is meerderjarig (op de eerste van de maand)",
    "bool",
    reference="nl.toeslagen.leeftijden.huurtoeslag.meerderjarig",
)
def huurtoeslag_leeftijd(s: Simulation) -> np.ndarray:
    """Wet op de huurtoeslag art. 8: only an adult tenant, taken on the first day of the month
    (Awir art. 5: the right starts the month after the birthday, or that month on the 1st)."""
    return s.of_applicant(s("age_first_of_month")) >= s.p(f"{T}.leeftijden.huurtoeslag.meerderjarig")


@variable(HOUSEHOLD, "Vermogen onder de grens voor huurtoeslag", "bool", reference="Awir art. 7 lid 3")
def huurtoeslag_vermogen(s: Simulation) -> np.ndarray:
    """Awir art. 7 lid 3: assets up to the limit per person, twice that with a toeslagpartner."""
    return s.pop.assets_cents <= s("huurtoeslag_vermogensgrens")


@variable(
    HOUSEHOLD,
    "Vermogensgrens voor huurtoeslag",
    "EUR",
    reference="nl.toeslagen.huurtoeslag.vermogensgrens_per_persoon",
)
def huurtoeslag_vermogensgrens(s: Simulation) -> np.ndarray:
    """The asset limit per person, doubled with a toeslagpartner (Awir art. 7 lid 3)."""
    return s.p(f"{HT}.vermogensgrens_per_persoon") * (1 + s("has_partner").astype(np.int64))


@variable(
    HOUSEHOLD, "Maximale huurgrens voor dit huishouden", "EUR", reference="Wet op de huurtoeslag art. 13"
)
def huurtoeslag_maximale_huur(s: Simulation) -> np.ndarray:
    """Art. 13: the high limit when someone in the home has the dated age limit or a child lives
    there; the youth limit otherwise."""
    old_enough = s("age_first_of_month") >= s.p(f"{HT}.leeftijd_maximale_huur")
    high = s.of_applicant(old_enough)  # usually the applicant decides: the others are counted
    rest = np.flatnonzero(~high)  # only where not (with index arrays: a few households)
    if len(rest):  # their persons, household after household: is anyone old enough or a child?
        size = s("household_size")[rest]
        first = np.cumsum(size) - size
        persons = np.repeat(s.pop.offsets[rest] - first, size) + np.arange(first[-1] + size[-1])
        high[rest] = np.logical_or.reduceat(old_enough[persons] | (s.pop.role[persons] == CHILD), first)
    return np.where(high, s.p(f"{HT}.maximale_huur"), s.p(f"{HT}.maximale_huur_jongeren"))


@variable(
    HOUSEHOLD,
    "Huur niet boven de maximale huurgrens (tot en met 2025)",
    "bool",
    reference="Wet op de huurtoeslag art. 13",
)
def huurtoeslag_huurgrens(s: Simulation) -> np.ndarray:
    """Art. 13 (up to 2025): no huurtoeslag above the maximale huurgrens, unless the household
    has at least eight persons (art. 13.2.b); then the rent above it does not count (13.3)."""
    large = s("household_size") >= s.p(f"{HT}.huishouden_uitzondering_maximale_huur")
    return (s.pop.rent_cents <= s("huurtoeslag_maximale_huur")) | large


@variable(
    HOUSEHOLD,
    "Huur niet boven de maximale huurgrens (tot en met 2025)",
    "bool",
    name="huurtoeslag_huurgrens",
    since="2026-01-01",
    reference="Wet op de huurtoeslag art. 21 lid 1 onder d",
)
def huurtoeslag_huurgrens_2026(s: Simulation) -> np.ndarray:
    """From 2026 the maximale huurgrens no longer excludes: it caps the rent (art. 21.1.d)."""
    return np.ones(s.pop.size, bool)


@variable(HOUSEHOLD, "Rekeninkomen voor de huurtoeslag per jaar", "EUR", reference="Awir art. 7 lid 2")
def huurtoeslag_rekeninkomen(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen of applicant and partner plus that of the housemates (medebewoners).
    Children's incomes are left out (they have an exemption that is not modelled)."""
    income = s("toetsingsinkomen_household").copy()
    housemates = np.flatnonzero(s.pop.role == HOUSEMATE)
    np.add.at(income, s.pop.household[housemates], s("toetsingsinkomen")[housemates])
    return income


@variable(
    HOUSEHOLD, "Rekenhuur voor de huurtoeslag", "EUR", reference="Wet op de huurtoeslag art. 21 lid 1 onder d"
)
def huurtoeslag_rekenhuur(s: Simulation) -> np.ndarray:
    """The rent up to the maximale huurgrens: from 2026 the part above it is not subsidised
    (art. 21.1.d); up to 2025 only a household excepted from the limit can be above it, and then
    the part above does not count either (art. 13.3). Service costs are not in the data."""
    return np.minimum(s.pop.rent_cents, s("huurtoeslag_maximale_huur"))


def _by_size(s: Simulation, multi: np.ndarray, name: str) -> np.ndarray:
    """The parameter ``name`` for a meerpersoons- or an eenpersoonshuishouden (``multi``), the two
    household types of art. 2 from 2025 (the 2024 system's own limits by type likewise)."""
    return np.where(multi, s.p(f"{HT}.{name}_meerpersoons"), s.p(f"{HT}.{name}_eenpersoons"))


def _bands(
    s: Simulation, rent: np.ndarray, basis: np.ndarray, size: np.ndarray, above: np.ndarray | bool
) -> np.ndarray:
    """Art. 21 lid 1: 100 % of the rent between basishuur and kwaliteitskortingsgrens, the AMvB
    percentage up to the aftoppingsgrens and the other one above it (where ``above``); a
    basishuur above a limit starts the next band at the basishuur (art. 21 lid 2-3, to 2025)."""
    kwal = s.p(f"{HT}.kwaliteitskortingsgrens")
    aftop = np.where(
        size >= s.p(f"{HT}.huishouden_drie_of_meer"),
        s.p(f"{HT}.aftoppingsgrens_drie_of_meer"),
        s.p(f"{HT}.aftoppingsgrens_een_twee_personen"),
    )
    low = np.maximum(np.minimum(rent, kwal) - basis, 0)
    mid = np.maximum(np.minimum(rent, aftop) - np.maximum(kwal, basis), 0)
    high = np.maximum(rent - np.maximum(aftop, basis), 0)
    top = np.where(above, s.p(f"{HT}.percentage_boven_aftoppingsgrens"), 0.0)
    return low + s.p(f"{HT}.percentage_tot_aftoppingsgrens") * mid + top * high


def _normhuur(
    s: Simulation, idx: np.ndarray, y_min: np.ndarray, n_min: np.ndarray, y_ref: np.ndarray, n_ref: np.ndarray
) -> np.ndarray:
    """Art. 19: at or below the minimum-inkomensijkpunt the normhuur of art. 17.2-3; above it
    a·Y² + b·Y rounded up to whole cents (19.3), with a and b derived as art. 19.2 says: the straight
    line between the normhuurquotes (normhuur / income) at the minimum and the reference point. (This
    reproduces the factors of the Regeling huurtoeslaggrenzen 2023, art. 4, for all four household
    types to the 12 decimals published, see the parameter file.) Amounts in euro, result in cents,
    for the households at ``idx``."""
    a = (n_ref / y_ref - n_min / y_min) / (y_ref - y_min)
    b = n_min / y_min - a * y_min
    y = s("huurtoeslag_rekeninkomen")[idx] / EURO
    curve = np.ceil(np.round((a * y * y + b * y) * 100, 6))
    return np.where(y <= y_min, np.round(n_min * 100), curve).astype(np.int64)


@variable(
    HOUSEHOLD,
    "Huishouden met iemand op de AOW-leeftijd op 1 januari (2024)",
    "bool",
    reference="Wet op de huurtoeslag art. 2 (versie 2024)",
)
def huurtoeslag_ouderenhuishouden(s: Simulation) -> np.ndarray:
    """Wet op de huurtoeslag art. 2 onder c-d (tot en met 2024): an eenpersoons- or
    meerpersoonsouderenhuishouden when the tenant, the partner or a medebewoner has reached the AOW
    age (AOW art. 7a) on 1 January of the berekeningsjaar, not on the peildatum."""
    january = s.d // 10000 * 10000 + 101
    senior = s.pop.birth <= aow_birth_cutoff(s.history("nl.aow.leeftijd"), january)
    return s.count_per_household(senior) > 0


@variable(
    HOUSEHOLD,
    "Normhuur per maand (stelsel tot en met 2025)",
    "EUR",
    defined_for=RENTERS,
    reference="Wet op de huurtoeslag art. 17-19 (versie 2024)",
)
def huurtoeslag_normhuur(s: Simulation) -> np.ndarray:
    """Art. 17-19 as in force in 2024: four household types. Only the eenpersoons- and
    meerpersoonshuishouden have a known minimum-inkomensijkpunt (derived from the minimumloon, see
    the parameters); the ijkpunten of the ouderenhuishoudens (AOW-based, "naar redelijke
    verwachting") were not found in an official text, so a household with someone of AOW age on
    1 January 2024 is "unknown"."""
    idx = s.rows
    if s("huurtoeslag_ouderenhuishouden")[idx].any():
        # the figures resume with the next system, whose basishuur is a parameter from its first day
        resume = from_int(s.parameters[f"{HT}.basishuur_eenpersoons"].starts[0])
        raise CoverageError(f"{HT}.stelsel_2024.inkomensijkpunt_ouderen", from_int(s.d), resume)
    multi = s("household_size")[idx] > 1
    y_min = _by_size(s, multi, "stelsel_2024.inkomensijkpunt")
    return _normhuur(s, idx, *_points(s, multi, y_min / EURO))


def _points(
    s: Simulation, multi: np.ndarray, y_min: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The minimum and reference points (income in euro, normhuur after its verlaging, art. 17-18)."""
    n_min = (s.p(f"{HT}.normhuur_minimum") - _by_size(s, multi, "verlaging_normhuur_minimum")) / EURO
    y_ref = _by_size(s, multi, "referentie_inkomensijkpunt") / EURO
    n_ref = (s.p(f"{HT}.normhuur_referentie") - _by_size(s, multi, "verlaging_normhuur_referentie")) / EURO
    return y_min, n_min, y_ref, n_ref


@variable(
    HOUSEHOLD,
    "Normhuur per maand (stelsel tot en met 2025)",
    "EUR",
    name="huurtoeslag_normhuur",
    since="2025-01-01",
    defined_for=RENTERS,
    reference="Wet op de huurtoeslag art. 17-19 (versie 2025)",
)
def huurtoeslag_normhuur_2025(s: Simulation) -> np.ndarray:
    """Art. 17-19 as in force in 2025: two household types (eenpersoons, meerpersoons). The
    minimum-inkomensijkpunten of 2025 (Regeling huurtoeslaggrenzen 2025, art. 3) were not found in
    an official text and cannot be derived from official figures here: "unknown"."""
    idx = s.rows
    multi = s("household_size")[idx] > 1
    y_min = _by_size(s, multi, "inkomensijkpunt")
    return _normhuur(s, idx, *_points(s, multi, y_min / EURO))


@variable(
    HOUSEHOLD,
    "Huurtoeslag per maand voor de voorwaarden",
    "EUR",
    defined_for=RENTERS,
    reference="Wet op de huurtoeslag art. 21 (versie 2025)",
)
def huurtoeslag_berekend(s: Simulation) -> np.ndarray:
    """Stelsel tot en met 2025: basishuur = normhuur minus the verlaging eigen bijdrage (the
    verhoging of art. 16 is not added, as for 2026); then the bands of art. 21. The part above the
    aftoppingsgrens counts in 2024 only for one-person households and households with someone of
    AOW age (the adapted-home case has no data), from 2025 for everyone."""
    idx = s.rows
    size = s("household_size")[idx]
    basis = s("huurtoeslag_normhuur")[idx] - s.p(f"{HT}.verlaging_eigen_bijdrage")
    above = (
        s.p(f"{HT}.boven_aftopping_voor_iedereen")
        | (size == 1)
        | (s.count_per_household(s("has_aow_age"))[idx] > 0)
    )
    return round_half_up(_bands(s, s("huurtoeslag_rekenhuur")[idx], basis, size, above))


@variable(
    HOUSEHOLD,
    "Huurtoeslag voor de inkomensafbouw, per maand",
    "EUR",
    since="2026-01-01",
    defined_for=RENTERS,
    reference="Wet op de huurtoeslag art. 20-21 lid 1",
)
def huurtoeslag_basis(s: Simulation) -> np.ndarray:
    """Stelsel 2026 (art. 20-21): all of the rekenhuur between basishuur and
    kwaliteitskortingsgrens, the AMvB percentages up to and above the aftoppingsgrens, nothing above
    the maximale huurgrens."""
    idx = s.rows
    size = s("household_size")[idx]
    basis = _by_size(s, size > 1, "basishuur")
    return _bands(s, s("huurtoeslag_rekenhuur")[idx], basis, size, True)


def _huurtoeslag_afbouw(s: Simulation, size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The inkomensijkpunt and the yearly afbouw share, by household size (art. 17, 21.2)."""
    multi = size > 1
    ijkpunt = _by_size(s, multi, "inkomensijkpunt")
    afbouw = _by_size(s, multi, "afbouw")
    return ijkpunt, afbouw


@variable(
    HOUSEHOLD,
    "Huurtoeslag per maand voor de voorwaarden",
    "EUR",
    name="huurtoeslag_berekend",
    since="2026-01-01",
    defined_for=RENTERS,
    reference="Wet op de huurtoeslag art. 21 lid 2",
)
def huurtoeslag_berekend_2026(s: Simulation) -> np.ndarray:
    """Stelsel 2026: the subsidy minus the income reduction Y x afbouw / 12, Y the rekeninkomen
    above the minimum-inkomensijkpunt (art. 21.2), rounded half up to cents."""
    idx = s.rows
    ijkpunt, afbouw = _huurtoeslag_afbouw(s, s("household_size")[idx])
    reduction = np.maximum(s("huurtoeslag_rekeninkomen")[idx] - ijkpunt, 0) * afbouw / 12
    return round_half_up(np.maximum(s("huurtoeslag_basis")[idx] - reduction, 0))


@variable(HOUSEHOLD, "Inkomen laat huurtoeslag toe", "bool", reference="nl.toeslagen.awir.minimum_jaarbedrag")
def huurtoeslag_inkomen(s: Simulation) -> np.ndarray:
    """What is left after the income (and the basishuur) is at least the Awir minimum per year
    (Awir art. 14 lid 5); only then is there a toeslag."""
    return _awir_minimum(s, 12 * s("huurtoeslag_berekend")) > 0


@variable(
    HOUSEHOLD,
    "Voldoet aan alle voorwaarden voor huurtoeslag",
    "bool",
    reference="Wet op de huurtoeslag art. 7 lid 1",
)
def huurtoeslag_recht(s: Simulation) -> np.ndarray:
    """Renting, adult on the first of the month, assets within the limit, (to 2025) the rent within
    the maximale huurgrens, and an income that leaves a toeslag."""
    return all_conditions(s, HUURTOESLAG_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Huurtoeslag per maand",
    "EUR",
    defined_for="huurtoeslag_recht",
    reference="Wet op de huurtoeslag art. 21",
)
def huurtoeslag(s: Simulation) -> np.ndarray:
    """The computed toeslag; whole months of the yearly amount (Awir)."""
    return s("huurtoeslag_berekend")


@variable(
    HOUSEHOLD,
    "Hoogste rekeninkomen met huurtoeslag",
    "EUR",
    since="2026-01-01",
    reference="Wet op de huurtoeslag art. 21 lid 2",
)
def huurtoeslag_inkomensgrens(s: Simulation) -> np.ndarray:
    """The yearly income at which the income reduction uses up the whole subsidy for this rent."""
    ijkpunt, afbouw = _huurtoeslag_afbouw(s, s("household_size"))
    return (ijkpunt + s("huurtoeslag_basis") * 12 / afbouw) // EURO * EURO
