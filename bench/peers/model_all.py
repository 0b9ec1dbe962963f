"""The rules of ``bench/handwritten_all.py`` beyond the Participatiewet, as OpenFisca variables.

Income tax box 1 with the tax credits (net income from a gross wage), the toetsingsinkomen (with the
gross of a net benefit), zorgtoeslag, huurtoeslag, kinderbijslag, kindgebonden budget, the municipal
regelingen of the population's municipality and the disposable income; also the earnings disregard
of the bijstand (art. 31 lid 2 n and r), which ``model``'s bijstand deducts. ``variables`` returns the
Variable classes; ``model.build_system`` adds them to the system next to the Participatiewet ones.

The formulas follow ``meedoen/rules/formulas`` operation for operation, so that every float is
rounded at the same step and the results are the same to the cent. Two OpenFisca constraints shape
them: its ``int`` is int32 (products that can exceed it are cast to int64 first) and its ``float`` is
float32, so every fractional intermediate stays inside one formula and only whole cents are stored.
Formulas are written over every person or household, as OpenFisca models are (no index subsets).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from common import SCHOOLS

BORN_1946 = 19460101
EURO = 100
IN_SCHOOL = [SCHOOLS.index(kind) for kind in ("po", "vo", "mbo")]  # the pupils of a school-costs budget
NOT_GIVEN = -1  # cents value of an amount that was not given (meedoen.rules.population.NOT_GIVEN)


def round_half_up(cents: Any) -> np.ndarray:
    """Fractional cents to whole cents, half up."""
    return np.floor(np.asarray(cents) + 0.5).astype(np.int64)


def round_div(numerator: Any, denominator: Any) -> Any:
    """``numerator / denominator`` rounded half up, for non-negative integers (in int64)."""
    return (2 * np.asarray(numerator, np.int64) + denominator) // (2 * denominator)


def add_months(d: Any, months: int) -> Any:
    """``yyyymmdd`` dates plus whole months, keeping the day (as ``meedoen.rules.periods.add_months``)."""
    total = (d // 10000) * 12 + (d // 100 % 100 - 1) + months
    return (total // 12) * 10000 + (total % 12 + 1) * 100 + d % 100


def as_scale(node: Any) -> tuple[tuple[int, ...], tuple[float, ...], tuple[float, ...]]:
    """A schedule parameter (``thresholds``, ``bases``, ``rates``) as hashable tuples."""
    return tuple(node.thresholds), tuple(node.bases), tuple(node.rates)


def schedule(amount: np.ndarray, scale: tuple) -> np.ndarray:
    """A schedule as the law writes it: the row's base plus its rate times the part above the
    row's threshold (an amount at a threshold falls in the lower row). OpenFisca's own
    ``MarginalRateTaxScale`` sums bracket by bracket, which rounds differently, and it has no
    stated bases, which the arbeidskorting needs."""
    thresholds, bases, rates = (np.asarray(x) for x in scale)
    row = np.maximum(np.searchsorted(thresholds, amount, side="left") - 1, 0)
    return bases[row] + rates[row] * (amount - thresholds[row])


def capped(amount: np.ndarray, scale: tuple) -> np.ndarray:
    """The arbeidskorting as art. 8.11 lid 2 builds it up: each row's rate on the part above its
    threshold added to the sum so far, the sum capped at the next row's base; the last row's
    negative rate then takes it down, never below nil."""
    t, b, r = scale
    total = np.zeros(len(amount))
    for i in range(len(t) - 1):
        total = np.minimum(total + r[i] * np.maximum(amount - t[i], 0), b[i + 1])
    return np.maximum(total + r[-1] * np.maximum(amount - t[-1], 0), 0)


@lru_cache(maxsize=32)
def net_curve(box1: tuple, credits: tuple, fixed: float) -> tuple[np.ndarray, np.ndarray]:
    """Breakpoints (gross, net) of a benefit's yearly net as a function of its gross (``credits``:
    (schedule, factor) pairs, each never below nil; ``fixed``: a credit in cents); linear in
    between, so interpolating inverts it exactly (as ``income_tax._net_curve``)."""

    def owed(g: np.ndarray) -> np.ndarray:
        total = schedule(g, box1) - fixed
        for scale, factor in credits:
            total = total - np.maximum(schedule(g, scale), 0) * factor
        return total

    points = {0.0, *map(float, box1[0])}
    for (thresholds, bases, rates), _ in credits:
        points.update(map(float, thresholds))
        for i, (start, base, rate) in enumerate(zip(thresholds, bases, rates, strict=True)):
            end = thresholds[i + 1] if i + 1 < len(thresholds) else np.inf
            if rate < 0 < base and start + base / -rate < end:  # the credit reaches nil here
                points.add(start + base / -rate)
    gross = np.array(sorted(points | {1e11}))
    tax = owed(gross)
    starts = np.flatnonzero((tax[:-1] <= 0) & (tax[1:] > 0))
    if len(starts):  # the gross below which no tax is due
        i = starts[0]
        zero = gross[i] + (gross[i + 1] - gross[i]) * -tax[i] / (tax[i + 1] - tax[i])
        gross = np.sort(np.append(gross, zero))
    return gross, gross - np.maximum(owed(gross), 0)


def tariffs(ib: Any) -> tuple[tuple, tuple, tuple]:
    """Box 1 below AOW age, at AOW age, and at AOW age born before 1946 (tariff codes 0, 1, 2)."""
    return (
        as_scale(ib.box1.onder_aow_leeftijd),
        as_scale(ib.box1.aow_leeftijd),
        as_scale(ib.box1.geboren_voor_1946),
    )


def aow_factor(ib: Any) -> float:
    """Credits at AOW age: the share of the first-bracket rate left without the AOW premium."""
    return ib.box1.aow_leeftijd.rates[0] / ib.box1.onder_aow_leeftijd.rates[0]


def credit_factor(tariff: np.ndarray, ib: Any) -> np.ndarray:
    return np.where(tariff > 0, aow_factor(ib), 1.0)


def gross_of_net_benefit(net_year: np.ndarray, code: np.ndarray, ib: Any) -> np.ndarray:
    """The gross yearly benefit that leaves ``net_year`` after tax and the credits that need no
    work, each amount with its own code: the tariff code, plus 2 at AOW age without a partner (the
    alleenstaande ouderenkorting)."""
    hk = ib.heffingskortingen
    ahk, factor = as_scale(hk.algemene_heffingskorting), aow_factor(ib)
    under, aow, old = tariffs(ib)
    elderly = ((ahk, factor), (as_scale(hk.ouderenkorting), 1.0))
    alone = float(hk.alleenstaande_ouderenkorting)
    curves = (
        (under, ((ahk, 1.0),), 0.0),
        (aow, elderly, 0.0),
        (old, elderly, 0.0),
        (aow, elderly, alone),
        (old, elderly, alone),
    )
    gross = np.zeros(len(net_year))
    for c, args in enumerate(curves):
        rows = code == c
        if rows.any():
            curve_gross, curve_net = net_curve(*args)
            gross[rows] = np.interp(net_year[rows], curve_net, curve_gross)
    return round_half_up(gross)


def variables(
    api: Any,
    Person: Any,
    Household: Any,
    HousingKind: Any,
    HouseholdType: Any,
    municipality: str,
    local: set,
    reference: str,
    valued: frozenset = frozenset(),
    not_found: frozenset = frozenset(),
    local_paths: frozenset = frozenset(),
    texts: dict | None = None,
) -> list:
    """The Variable classes of the full rule set. ``local`` names the municipality's regelingen
    (the parameter nodes under ``gemeenten.<municipality>``); ``reference`` is the variable its income
    limits are a share of (its text parameter ``inkomensgrenzen.referentienorm``, given here because
    PolicyEngine-core's parameters take numbers, booleans and lists only); ``valued`` names the
    ``<scheme>_waarde_maand`` valuations whose value is known (``lokale_regelingen.valuation_status``),
    summed into the disposable income; ``not_found`` the municipality's parameters (without the
    ``gemeenten.<m>.`` prefix) marked ``not_found`` on the peildatum, ``local_paths`` all of them,
    ``texts`` the text ones with their values (PolicyEngine-core's parameters take no text)."""
    Variable, MONTH = api.Variable, api.MONTH
    texts = texts or {}

    def known(name: str) -> bool:
        """The municipality's parameter ``name`` was found (``not_found`` holds a placeholder 0)."""
        return name in local_paths and name not in not_found

    def ymd(instant: Any) -> int:
        return instant.year * 10000 + instant.month * 100 + instant.day

    def gemeente(parameters: Any, period: Any) -> Any:
        return getattr(parameters(period).gemeenten, municipality)

    # -- inputs -------------------------------------------------------------------------------

    class wage_gross(Variable):
        value_type = int
        default_value = -1
        entity = Person
        definition_period = MONTH
        label = "Brutoloon per maand in centen (-1: niet opgegeven)"

    class toetsingsinkomen_opgegeven(Variable):
        value_type = int
        default_value = -1
        entity = Person
        definition_period = MONTH
        label = "Opgegeven toetsingsinkomen per jaar in centen (-1: niet opgegeven)"

    class rent(Variable):
        value_type = int
        default_value = -1
        entity = Household
        definition_period = MONTH
        label = "Kale huur per maand in centen (-1: niet opgegeven)"

    class low_income_since(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Laag inkomen sinds (yyyymmdd, 0: niet)"

    class energy(Variable):
        value_type = int
        default_value = NOT_GIVEN
        entity = Household
        definition_period = MONTH
        label = "Energiekosten per maand in centen (-1: niet opgegeven)"

    class earnings_since(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Inkomsten uit arbeid sinds (yyyymmdd, 0: niet opgegeven)"

    class temporary_informal_carer(Variable):
        value_type = bool
        entity = Person
        definition_period = MONTH
        label = "Woont tijdelijk in om mantelzorg te geven (art. 22a lid 4)"

    class school(Variable):
        value_type = int
        default_value = -1
        entity = Person
        definition_period = MONTH
        label = "Soort school (index in common.SCHOOLS, -1: niet opgegeven)"

    def first_of_month(instant: Any) -> int:
        return instant.year * 10000 + instant.month * 100 + 1

    def before_month(instant: Any) -> int:  # yyyymm00: ages "before the month"
        return instant.year * 10000 + instant.month * 100

    def quarter_start(instant: Any) -> int:
        return instant.year * 10000 + ((instant.month - 1) // 3 * 3 + 1) * 100 + 1

    # -- income tax and net income (Wet IB 2001) ---------------------------------------------

    class tax_tariff(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Tarief box 1: 0 onder AOW-leeftijd, 1 AOW-leeftijd, 2 AOW-leeftijd en geboren voor 1946"

        def formula(person, period, parameters):
            aow = person("has_aow_age", period)
            return aow.astype(np.int8) + (aow & (person("birth", period) < BORN_1946))

    class wage_year(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Brutoloon per jaar inclusief vakantiegeld"

        def formula(person, period, parameters):
            bp = round(parameters(period).nl.inkomstenbelasting.vakantiebijslag * 10000)
            gross = np.maximum(person("wage_gross", period), 0).astype(np.int64)
            return round_div(12 * gross * (10000 + bp), 10000)

    class box1_tax(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Belasting en premies box 1 over het jaarloon, voor heffingskortingen"

        def formula(person, period, parameters):
            under, aow, old = tariffs(parameters(period).nl.inkomstenbelasting)
            wage, tariff = person("wage_year", period), person("tax_tariff", period)
            tax = np.select([tariff == 0, tariff == 1], [schedule(wage, under), schedule(wage, aow)])
            return round_half_up(np.where(tariff == 2, schedule(wage, old), tax))

    class algemene_heffingskorting(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Algemene heffingskorting per jaar (art. 8.10)"

        def formula(person, period, parameters):
            ib = parameters(period).nl.inkomstenbelasting
            credit = schedule(
                person("wage_year", period), as_scale(ib.heffingskortingen.algemene_heffingskorting)
            )
            return round_half_up(np.maximum(credit, 0) * credit_factor(person("tax_tariff", period), ib))

    class arbeidskorting(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Arbeidskorting per jaar (art. 8.11)"

        def formula(person, period, parameters):
            ib = parameters(period).nl.inkomstenbelasting
            credit = capped(person("wage_year", period), as_scale(ib.heffingskortingen.arbeidskorting))
            return round_half_up(credit * credit_factor(person("tax_tariff", period), ib))

    class without_partner(Variable):
        value_type = bool
        entity = Person
        definition_period = MONTH
        label = "Geen partner in het huishouden (alleenstaand voor de AOW)"

        def formula(person, period, parameters):
            couple = person.has_role(Household.APPLICANT) & person.household("has_partner", period)
            return ~(person.has_role(Household.PARTNER) | couple)

    class ouderenkorting(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Ouderenkorting per jaar (art. 8.17)"

        def formula(person, period, parameters):
            scale = as_scale(parameters(period).nl.inkomstenbelasting.heffingskortingen.ouderenkorting)
            credit = round_half_up(np.maximum(schedule(person("wage_year", period), scale), 0))
            return np.where(person("has_aow_age", period), credit, 0)

    class alleenstaande_ouderenkorting(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Alleenstaande ouderenkorting per jaar (art. 8.18)"

        def formula(person, period, parameters):
            amount = parameters(period).nl.inkomstenbelasting.heffingskortingen.alleenstaande_ouderenkorting
            alone = person("has_aow_age", period) & person("without_partner", period)
            return np.where(alone, amount, 0)

    class benefit_code(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Netto-brutocurve: tarief, plus 2 op AOW-leeftijd zonder partner"

        def formula(person, period, parameters):
            tariff = person("tax_tariff", period)
            return tariff + 2 * ((tariff > 0) & person("without_partner", period))

    class has_child_under_iack_age(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Heeft een kind jonger dan 12 (IACK)"

        def formula(household, period, parameters):
            limit = parameters(period).nl.inkomstenbelasting.heffingskortingen.iack_kind_jonger_dan
            young = household.members("age", period) < limit
            return household.sum(young, role=Household.CHILD) > 0

    class applicant_wage_year(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Jaarloon van de aanvrager"

        def formula(household, period, parameters):
            return household.value_from_person(household.members("wage_year", period), Household.APPLICANT)

    class partner_wage_year(Variable):
        value_type = int
        default_value = -1
        entity = Household
        definition_period = MONTH
        label = "Jaarloon van de partner (-1 zonder partner)"

        def formula(household, period, parameters):
            wage = household.members("wage_year", period)
            return household.value_from_person(wage, Household.PARTNER, -1)

    class applicant_birth(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Geboortedatum van de aanvrager"

        def formula(household, period, parameters):
            return household.value_from_person(household.members("birth", period), Household.APPLICANT)

    class partner_birth(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Geboortedatum van de partner (0 zonder partner)"

        def formula(household, period, parameters):
            return household.value_from_person(household.members("birth", period), Household.PARTNER, 0)

    class iack(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Inkomensafhankelijke combinatiekorting per jaar (art. 8.14a)"

        def formula(person, period, parameters):
            ib = parameters(period).nl.inkomstenbelasting
            hk = ib.heffingskortingen
            applicant = person.has_role(Household.APPLICANT)
            in_unit = applicant | person.has_role(Household.PARTNER)
            own, birth = person("wage_year", period), person("birth", period)
            # the other adult of the unit: the applicant's partner, or the partner's applicant
            has_other = ~applicant | person.household("has_partner", period)
            other = np.where(
                applicant,
                person.household("partner_wage_year", period),
                person.household("applicant_wage_year", period),
            )
            other = np.where(has_other, other, -1)
            other_birth = np.where(
                applicant,
                person.household("partner_birth", period),
                person.household("applicant_birth", period),
            )
            least = ~has_other | (own < other) | ((own == other) & (birth < other_birth))
            eligible = in_unit & least & person.household("has_child_under_iack_age", period)
            built = hk.iack_opbouw * np.maximum(own - hk.iack_drempel, 0)
            credit = np.minimum(built, hk.iack_maximum) * credit_factor(person("tax_tariff", period), ib)
            return np.where(eligible, round_half_up(credit), 0)

    class income_tax(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Inkomstenbelasting box 1 over het loon per jaar, na heffingskortingen"

        def formula(person, period, parameters):
            credits = (
                person("algemene_heffingskorting", period).astype(np.int64)
                + person("arbeidskorting", period)
                + person("iack", period)
                + person("ouderenkorting", period)
                + person("alleenstaande_ouderenkorting", period)
            )
            tax = np.maximum(person("box1_tax", period) - credits, 0)
            return np.where(person("wage_year", period) > 0, tax, 0)

    class net_income_person_month(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Netto inkomen per maand: opgegeven, of uit het brutoloon"

        def formula(person, period, parameters):
            given = person("net_income", period)
            net = np.maximum(given, 0)
            derive = (given < 0) & (person("wage_gross", period) >= 0)
            if not derive.any():  # nobody's net comes from a wage (the Participatiewet-only population)
                return net
            after_tax = np.maximum(person("wage_year", period) - person("income_tax", period), 0)
            return np.where(derive, round_div(after_tax, 12), net)

    class toetsingsinkomen(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = (
            "Toetsingsinkomen per jaar: opgegeven, anders het jaarloon, anders bruto van de netto uitkering"
        )

        def formula(person, period, parameters):
            given, wage = person("toetsingsinkomen_opgegeven", period), person("wage_gross", period)
            net = person("net_income", period)
            income = np.where(given >= 0, given, np.where(wage >= 0, person("wage_year", period), 0))
            from_net = (given < 0) & (wage < 0) & (net > 0)
            ib = parameters(period).nl.inkomstenbelasting
            gross = gross_of_net_benefit(12 * net.astype(np.int64), person("benefit_code", period), ib)
            return np.where(from_net, gross, income)

    # -- toeslagen ----------------------------------------------------------------------------

    class applicant_tax_tariff(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Tarief box 1 van de aanvrager"

        def formula(household, period, parameters):
            return household.value_from_person(household.members("tax_tariff", period), Household.APPLICANT)

    class partner_tax_tariff(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Tarief box 1 van de partner"

        def formula(household, period, parameters):
            return household.value_from_person(household.members("tax_tariff", period), Household.PARTNER)

    class toetsingsinkomen_household(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Toetsingsinkomen van aanvrager en toeslagpartner, inclusief bruto bijstand"

        def formula(household, period, parameters):
            ib = parameters(period).nl.inkomstenbelasting
            own = household.members("toetsingsinkomen", period)
            income = household.value_from_person(own, Household.APPLICANT).astype(np.int64)
            income += household.value_from_person(own, Household.PARTNER, 0)
            # the gross of the yearly bijstand: partners half each (the applicant the odd cent)
            year = 12 * household("bijstand", period).astype(np.int64)
            couple = household("has_partner", period)
            half = np.where(couple, year // 2, 0)
            tariff = household("applicant_tax_tariff", period)  # alone: only without a partner
            applicant = gross_of_net_benefit(year - half, tariff + 2 * ((tariff > 0) & ~couple), ib)
            partner = gross_of_net_benefit(half, household("partner_tax_tariff", period), ib)
            return income + np.where(year > 0, applicant, 0) + np.where((year > 0) & couple, partner, 0)

    def awir_minimum(year_cents: np.ndarray, t: Any) -> np.ndarray:
        return np.where(year_cents < t.awir.minimum_jaarbedrag, 0, year_cents)

    class zorgtoeslag(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Zorgtoeslag per maand (Wet op de zorgtoeslag art. 2-3)"

        def formula(household, period, parameters):
            t = parameters(period).nl.toeslagen
            zt = t.zorgtoeslag
            partner = household("has_partner", period)
            share = np.where(partner, zt.normpremie_partners, zt.normpremie_alleenstaande)
            room = zt.standaardpremie * (1 + partner) - share * t.drempelinkomen
            above = np.maximum(household("toetsingsinkomen_household", period) - t.drempelinkomen, 0)
            year = np.maximum(room - zt.afbouw * above, 0)
            year = awir_minimum(round_div(round_half_up(year), EURO) * EURO, t)
            limit = np.where(partner, zt.vermogensgrens_partners, zt.vermogensgrens_alleenstaande)
            birth = household.value_from_person(household.members("birth", period), Household.APPLICANT)
            insured = (before_month(period.start) - birth) // 10000 >= 18  # from the month after 18
            eligible = insured & (household("assets", period) <= limit)
            return np.where(eligible, year // 12 // EURO * EURO, 0)

    class huurtoeslag_rekeninkomen(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Rekeninkomen huurtoeslag: aanvrager, partner en medebewoners"

        def formula(household, period, parameters):
            housemates = household.sum(
                household.members("toetsingsinkomen", period), role=Household.HOUSEMATE
            )
            return household("toetsingsinkomen_household", period) + housemates.astype(np.int64)

    class huurtoeslag(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Huurtoeslag per maand (stelsel 2026)"

        def formula(household, period, parameters):
            t = parameters(period).nl.toeslagen
            ht = t.huurtoeslag
            given, size = household("rent", period), household.nb_persons()
            members = household.members
            age = (first_of_month(period.start) - members("birth", period)) // 10000  # Awir art. 5
            old_enough = household.sum(age >= ht.leeftijd_maximale_huur)
            grown_up = old_enough + household.nb_persons(Household.CHILD) > 0
            maximum = np.where(grown_up, ht.maximale_huur, ht.maximale_huur_jongeren)
            rent = np.minimum(given, maximum)  # the maximale huurgrens caps the rent (art. 21.1.d)
            limit = ht.vermogensgrens_per_persoon * (1 + household("has_partner", period))
            eligible = (
                (household("housing_kind", period) == HousingKind.rent)
                & (given > 0)
                & (household.value_from_person(age, Household.APPLICANT) >= 18)
                & (household("assets", period) <= limit)
            )
            kwal = ht.kwaliteitskortingsgrens
            aftop = np.where(size >= 3, ht.aftoppingsgrens_drie_of_meer, ht.aftoppingsgrens_een_twee_personen)
            multi = size > 1
            basis = np.where(multi, ht.basishuur_meerpersoons, ht.basishuur_eenpersoons)
            subsidy = (
                np.maximum(np.minimum(rent, kwal) - basis, 0)
                + ht.percentage_tot_aftoppingsgrens
                * np.maximum(np.minimum(rent, aftop) - np.maximum(kwal, basis), 0)
                + ht.percentage_boven_aftoppingsgrens * np.maximum(rent - np.maximum(aftop, basis), 0)
            )
            ijkpunt = np.where(multi, ht.inkomensijkpunt_meerpersoons, ht.inkomensijkpunt_eenpersoons)
            afbouw = np.where(multi, ht.afbouw_meerpersoons, ht.afbouw_eenpersoons)
            income = household("huurtoeslag_rekeninkomen", period)
            reduction = np.maximum(income - ijkpunt, 0) * afbouw / 12
            month = round_half_up(np.maximum(subsidy - reduction, 0))
            return np.where(eligible & (12 * month >= t.awir.minimum_jaarbedrag), month, 0)

    class kinderbijslag(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Kinderbijslag per kwartaal (AKW art. 12)"

        def formula(household, period, parameters):
            kb = parameters(period).nl.toeslagen.kinderbijslag
            members = household.members
            age = (quarter_start(period.start) - members("birth", period)) // 10000  # on the quarter's 1st
            amount = np.where(age < 6, kb.tot_6, np.where(age < 12, kb.tot_12, kb.tot_18))
            counts = members.has_role(Household.CHILD) & (age >= 0) & (age < 18)
            return household.sum(np.where(counts, amount, 0))

    class kinderbijslag_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Kinderbijslag omgerekend per maand"

        def formula(household, period, parameters):
            return round_div(household("kinderbijslag", period), 3)

    class kindgebonden_budget(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Kindgebonden budget per maand (WKB art. 2)"

        def formula(household, period, parameters):
            t = parameters(period).nl.toeslagen
            kgb = t.kindgebonden_budget
            members = household.members
            age = (before_month(period.start) - members("birth", period)) // 10000  # end of last month
            per_child = (
                kgb.per_kind
                + np.where((age >= 12) & (age < 16), kgb.toeslag_12_tot_16, 0)
                + np.where(age >= 16, kgb.toeslag_16_tot_18, 0)
            )
            counts = members.has_role(Household.CHILD) & (age >= 0) & (age < 18)
            full = household.sum(np.where(counts, per_child, 0))
            has_children = full > 0
            partner = household("has_partner", period)
            full = full.astype(np.int64) + np.where(partner, 0, kgb.alleenstaande_ouderkop)
            drempel = t.drempelinkomen + np.where(partner, kgb.extra_drempel_partners, 0)
            income = household("toetsingsinkomen_household", period)
            year = round_half_up(np.maximum(full - kgb.afbouw * np.maximum(income - drempel, 0), 0))
            year = round_div(year, EURO) * EURO  # Awir art. 14 lid 4: whole euros
            limit = np.where(partner, kgb.vermogensgrens_partners, kgb.vermogensgrens_alleenstaande)
            within = has_children & (household("assets", period) <= limit)
            return np.where(within, round_div(awir_minimum(year, t), 12), 0)

    # -- earnings disregard in the bijstand (art. 31 lid 2 n and r, to 2026) -------------------

    class vrijlating_alleenstaande_ouder(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Alleenstaande ouder met een kind jonger dan 12 in de eenheid (onderdeel r)"

        def formula(household, period, parameters):
            limit = parameters(period).nl.participatiewet.vrijlating.r_kind_leeftijd
            young = household.members("is_minor_child", period) & (household.members("age", period) < limit)
            return ~household("has_partner", period) & (household.sum(young) > 0)

    class vrijlating_arbeid(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Vrijlating van inkomsten uit arbeid per maand"

        def formula(person, period, parameters):
            vr, d = parameters(period).nl.participatiewet.vrijlating, ymd(period.start)
            since = person("earnings_since", period).astype(np.int64)
            unit = person.has_role(Household.APPLICANT) | person.has_role(Household.PARTNER)
            work = unit & ((person("wage_gross", period) != -1) | (since > 0))
            net = np.maximum(person("net_income_person_month", period), 0).astype(np.int64)
            earnings = np.where(work, net, 0)
            started = (since > 0) & (since <= d)
            end_n = add_months(since, vr.n_maanden)
            in_n = person("has_aow_age", period) | (started & (d < end_n))  # no time limit at AOW age
            in_r = (
                started
                & (d >= end_n)
                & (d < add_months(end_n, vr.r_maanden))
                & person.household("vrijlating_alleenstaande_ouder", period)
            )
            n_part = np.minimum(round_div(earnings * round(vr.n_percentage * 10000), 10000), vr.n_maximum)
            r_part = np.minimum(round_div(earnings * round(vr.r_percentage * 10000), 10000), vr.r_maximum)
            old_enough = person("age", period) >= vr.minimumleeftijd
            return np.where(old_enough, np.where(in_n, n_part, np.where(in_r, r_part, 0)), 0)

    class vrijlating_inkomsten(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Vrijgelaten inkomsten uit arbeid van de eenheid per maand"

        def formula(household, period, parameters):
            part = household.members("vrijlating_arbeid", period)
            applicant = household.value_from_person(part, Household.APPLICANT)
            return applicant + household.value_from_person(part, Household.PARTNER, 0)

    # -- municipal regelingen: net income against a share of the reference norm ----------------

    class vermogen_binnen_grens(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Vermogen binnen de bijstandsgrens (art. 34)"

        def formula(household, period, parameters):
            return household("assets", period) <= household("vermogensgrens", period)

    def income_limit(household: Any, period: Any, parameters: Any, share: Any) -> np.ndarray:
        """``share`` of the reference norm, rounded half up to the cent once, after the share
        (municipalities round the limit, not the norm)."""
        grenzen = gemeente(parameters, period).inkomensgrenzen
        norm = household(reference, period).astype(float)
        if grenzen.zonder_vakantietoeslag:
            norm = norm * (1 - parameters(period).nl.participatiewet.vakantietoeslag)
        return round_half_up(share * norm)

    def within(household: Any, period: Any, limit_name: str) -> np.ndarray:
        income = household("income_net_month", period)
        return (income <= household(limit_name, period)) & household("vermogen_binnen_grens", period)

    class stadspas_inkomensgrens(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Inkomensgrens stadspas per maand"

        def formula(household, period, parameters):
            pas = gemeente(parameters, period).stadspas
            kids = household("minor_children", period) > 0
            share = np.where(kids, pas.inkomensgrens_met_kinderen, pas.inkomensgrens)
            return income_limit(household, period, parameters, share)

    class stadspas(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Recht op de stadspas"

        def formula(household, period, parameters):
            return within(household, period, "stadspas_inkomensgrens")

    class collectieve_zorgverzekering_inkomensgrens(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Inkomensgrens collectieve zorgverzekering per maand"

        def formula(household, period, parameters):
            share = gemeente(parameters, period).collectieve_zorgverzekering.inkomensgrens
            return income_limit(household, period, parameters, share)

    class collectieve_zorgverzekering(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Kan meedoen met de collectieve zorgverzekering"

        def formula(household, period, parameters):
            minimum = gemeente(parameters, period).collectieve_zorgverzekering.minimum_leeftijd
            old_enough = household("applicant_age", period) >= minimum
            return old_enough & within(household, period, "collectieve_zorgverzekering_inkomensgrens")

    class bijzondere_bijstand_inkomensgrens(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Inkomensgrens bijzondere bijstand per maand"

        def formula(household, period, parameters):
            share = gemeente(parameters, period).bijzondere_bijstand.inkomensgrens
            return income_limit(household, period, parameters, share)

    class bijzondere_bijstand(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Bijzondere bijstand is mogelijk (art. 35)"

        def formula(household, period, parameters):
            adult = household("applicant_age", period) >= 18  # assets lower the help (draagkracht) only
            income = household("income_net_month", period)
            return adult & (income <= household("bijzondere_bijstand_inkomensgrens", period))

    class kindregeling_inkomensgrens(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Inkomensgrens kindregeling per maand"

        def formula(household, period, parameters):
            share = gemeente(parameters, period).kindregeling.inkomensgrens
            return income_limit(household, period, parameters, share)

    class kindregeling(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Aantal kinderen voor de kindregeling"

        def formula(household, period, parameters):
            minimum = gemeente(parameters, period).kindregeling.minimum_leeftijd_kind
            age = household.members("age", period)
            children = household.sum((age >= minimum) & (age < 18), role=Household.CHILD)
            return np.where(within(household, period, "kindregeling_inkomensgrens"), children, 0)

    class meedoenregeling_inkomensgrens(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Inkomensgrens Meedoen-regeling per maand"

        def formula(household, period, parameters):
            share = gemeente(parameters, period).meedoenregeling.inkomensgrens
            return income_limit(household, period, parameters, share)

    class meedoenregeling(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Meedoen-regeling per jaar: een bedrag per volwassene van de eenheid"

        def formula(household, period, parameters):
            regeling = gemeente(parameters, period).meedoenregeling
            members = household.members
            unit = members.has_role(Household.APPLICANT) | members.has_role(Household.PARTNER)
            adult = members("age", period) >= regeling.minimum_leeftijd
            persons = household.sum(unit & adult & ~members("student_finance", period))
            amount = persons.astype(np.int64) * regeling.bedrag_per_persoon
            return np.where(within(household, period, "meedoenregeling_inkomensgrens"), amount, 0)

    class individuele_inkomenstoeslag_inkomensgrens(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Inkomensgrens individuele inkomenstoeslag per maand"

        def formula(household, period, parameters):
            iit = gemeente(parameters, period).individuele_inkomenstoeslag
            share = iit.inkomensgrens
            if "individuele_inkomenstoeslag.inkomensgrens_paar_met_kind" in local_paths:
                family = household("individuele_inkomenstoeslag_paar_met_kind", period)
                share = np.where(family, iit.inkomensgrens_paar_met_kind, share)
            return income_limit(household, period, parameters, share)

    class individuele_inkomenstoeslag_paar_met_kind(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Twee ouders met een kind voor het gezinsbedrag (Arnhem: 12 t/m 17 jaar of in het vo)"

        def formula(household, period, parameters):
            if "individuele_inkomenstoeslag.bedrag_paar_met_kind" not in local_paths:
                return household.filled_array(False)
            iit = gemeente(parameters, period).individuele_inkomenstoeslag
            members = household.members
            child = members("is_minor_child", period)
            if texts.get("individuele_inkomenstoeslag.gezinsbedrag_kind") == "voortgezet_onderwijs":
                child = child & (members("school", period) == SCHOOLS.index("vo"))
            else:
                age = members("age", period)
                child = child & (age >= iit.kind_leeftijd_vanaf) & (age < iit.kind_leeftijd_tot)
            return household("has_partner", period) & (household.sum(child) > 0)

    class individuele_inkomenstoeslag_recht(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Voldoet aan de voorwaarden van de individuele inkomenstoeslag (art. 36)"

        def formula(household, period, parameters):
            iit = gemeente(parameters, period).individuele_inkomenstoeslag
            since = household("low_income_since", period)
            long_enough = (since > 0) & (since <= ymd(period.start) - 10000 * iit.jaren_laag_inkomen)
            student = household.value_from_person(
                household.members("student_finance", period), Household.APPLICANT
            )
            return (
                (household("applicant_age", period) >= iit.minimum_leeftijd)
                & ~household("applicant_aow", period)
                & ~student
                & long_enough
                & within(household, period, "individuele_inkomenstoeslag_inkomensgrens")
            )

    class individuele_inkomenstoeslag(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Individuele inkomenstoeslag per jaar"

        def formula(household, period, parameters):
            iit = gemeente(parameters, period).individuele_inkomenstoeslag
            kind = household("household_type", period)
            types = [kind == HouseholdType.single, kind == HouseholdType.single_parent]
            names = ("bedrag_alleenstaande", "bedrag_alleenstaande_ouder", "bedrag_paar")
            amount = np.select(types, [getattr(iit, name) for name in names[:2]], iit.bedrag_paar)
            # an amount not found is unknown ("bedrag onbekend"), never paid as 0: no amount
            found = np.select(types, [known(f"individuele_inkomenstoeslag.{n}") for n in names[:2]], True)
            found = found & (
                (kind != HouseholdType.couple) | known("individuele_inkomenstoeslag.bedrag_paar")
            )
            if "individuele_inkomenstoeslag.bedrag_paar_met_kind" in local_paths:
                family = household("individuele_inkomenstoeslag_paar_met_kind", period)
                amount = np.where(family, iit.bedrag_paar_met_kind, amount)
                found = np.where(family, known("individuele_inkomenstoeslag.bedrag_paar_met_kind"), found)
            right = household("individuele_inkomenstoeslag_recht", period) & found
            return np.where(right, amount, 0)

    class individuele_inkomenstoeslag_waarde_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Individuele inkomenstoeslag omgerekend per maand"

        def formula(household, period, parameters):
            return round_div(household("individuele_inkomenstoeslag", period), 12)

    class meedoenregeling_waarde_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Meedoen-regeling omgerekend per maand"

        def formula(household, period, parameters):
            return round_div(household("meedoenregeling", period), 12)

    # -- kwijtschelding (Uitvoeringsregeling Invorderingswet 1990 art. 11-16) -------------------

    def housing_costs(household: Any, period: Any, parameters: Any, rent: np.ndarray) -> np.ndarray:
        """Art. 15 lid 1 onderdeel b: rent up to the maximum rent, above the normhuur, for renters."""
        ht = parameters(period).nl.toeslagen.huurtoeslag
        allowed = np.maximum(np.minimum(rent, ht.maximale_huur) - ht.normhuur_minimum, 0)
        return np.where(household("housing_kind", period) == HousingKind.rent, allowed, 0)

    def kwijtschelding_parts(household: Any, period: Any, parameters: Any) -> tuple:
        """(conditions met, eigen bijdrage per year, aanslag per year)."""
        kw = parameters(period).nl.invordering.kwijtschelding
        regeling = gemeente(parameters, period).kwijtschelding
        aow = household("unit_adults_with_aow_age", period)
        both = household("has_partner", period) & (aow == 2)
        raise_aow = np.where(both, kw.verhoging_beiden_aow, np.where(aow > 0, kw.verhoging_een_aow, 0))
        share = regeling.kosten_van_bestaan_percentage
        existence = round_half_up(share * household("norm", period)) + raise_aow
        rent = np.maximum(household("rent", period), 0)
        net_rent = np.maximum(rent - household("huurtoeslag", period), 0)
        income = household("income_net_month", period) - household("vrijlating_inkomsten", period)
        woon = housing_costs(household, period, parameters, net_rent)
        capacity = np.maximum(np.maximum(income, 0) - woon - existence, 0)
        own = round_half_up(kw.aandeel_betalingscapaciteit * kw.periode_maanden * capacity)
        one, more = regeling.aanslag_eenpersoons, regeling.aanslag_meerpersoons
        aanslag = np.where(household.nb_persons() == 1, one, more)
        enough = own < aanslag if "kwijtschelding.aanslag_eenpersoons" not in not_found else own == 0
        exempt = existence + housing_costs(household, period, parameters, rent)
        assets_ok = household("assets", period) <= exempt
        return assets_ok & enough, own, aanslag

    class kwijtschelding_recht(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Voldoet aan de voorwaarden voor kwijtschelding (art. 11-16)"

        def formula(household, period, parameters):
            return kwijtschelding_parts(household, period, parameters)[0]

    class kwijtschelding_waarde_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Kwijtschelding omgerekend per maand"

        def formula(household, period, parameters):
            right, own, aanslag = kwijtschelding_parts(household, period, parameters)
            return round_div(np.where(right, np.maximum(aanslag - own, 0), 0), 12)

    class stadspas_waarde_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Waarde van de stadspas per maand"

        def formula(household, period, parameters):
            pas = gemeente(parameters, period).stadspas
            holders = 1 + household("has_partner", period) + household("minor_children", period)
            year = holders.astype(np.int64) * pas.waarde_per_persoon_per_jaar
            if "stadspas.schoolkosten_per_kind_per_jaar" in local_paths:  # Arnhem: on the pass
                members = household.members
                pupil = members("is_minor_child", period) & np.isin(members("school", period), IN_SCHOOL)
                year = year + household.sum(pupil).astype(np.int64) * pas.schoolkosten_per_kind_per_jaar
            return np.where(household("stadspas", period), round_div(year, 12), 0)

    class collectieve_zorgverzekering_waarde_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Voordeel van de collectieve zorgverzekering per maand"

        def formula(household, period, parameters):
            contribution = gemeente(
                parameters, period
            ).collectieve_zorgverzekering.bijdrage_gemeente_per_maand
            adults = 1 + household("has_partner", period).astype(np.int64)  # children are insured free
            return np.where(household("collectieve_zorgverzekering", period), adults * contribution, 0)

    class kindregeling_waarde_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Waarde van de kindregeling per maand"

        def formula(household, period, parameters):
            per_child = gemeente(parameters, period).kindregeling.waarde_per_kind_per_jaar
            return round_div(household("kindregeling", period).astype(np.int64) * per_child, 12)

    class bijzondere_bijstand_draagkracht(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Draagkracht voor de bijzondere bijstand per draagkrachtperiode (0: onbekend)"

        def formula(household, period, parameters):
            rule = ("inkomensgrens", "percentage", "periode_maanden")
            if not all(known(f"bijzondere_bijstand.draagkracht.{name}") for name in rule):
                return household.filled_array(0, dtype=np.int64)
            dk = gemeente(parameters, period).bijzondere_bijstand.draagkracht
            limit = income_limit(household, period, parameters, dk.inkomensgrens)
            excess = np.maximum(household("income_net_month", period).astype(np.int64) - limit, 0)
            over = np.maximum(household("assets", period) - household("vermogensgrens", period), 0)
            return round_half_up(dk.percentage * dk.periode_maanden * excess) + over

    class lokale_regelingen_maand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Gemeentelijke regelingen omgerekend per maand, waar hun waarde bekend is"

        def formula(household, period, parameters):
            total = household.filled_array(0, dtype=np.int64)
            for name in sorted(valued):
                total = total + household(name, period)
            return total

    class energy_poverty(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Energiearmoede"

        def formula(household, period, parameters):
            given = household("energy", period)
            energy = np.where(given == NOT_GIVEN, 0, given).astype(np.int64)
            income = household("disposable_income", period).astype(np.int64)
            share = np.divide(energy, income, out=np.where(energy > 0, np.inf, 0.0), where=income > 0)
            return share > gemeente(parameters, period).energiearmoede.grens

    class disposable_income(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Besteedbaar inkomen per maand"

        def formula(household, period, parameters):
            return (
                household("income_net_month", period).astype(np.int64)
                + household("bijstand", period)
                + household("zorgtoeslag", period)
                + household("huurtoeslag", period)
                + household("kinderbijslag_maand", period)
                + household("kindgebonden_budget", period)
                + household("lokale_regelingen_maand", period)
            )

    return [
        wage_gross, toetsingsinkomen_opgegeven, rent, low_income_since, earnings_since,
        temporary_informal_carer, tax_tariff, wage_year, box1_tax, algemene_heffingskorting, arbeidskorting,
        without_partner, ouderenkorting, alleenstaande_ouderenkorting, benefit_code, has_child_under_iack_age,
        applicant_wage_year,
        partner_wage_year, applicant_birth, partner_birth, iack, income_tax, net_income_person_month,
        toetsingsinkomen, applicant_tax_tariff, partner_tax_tariff, toetsingsinkomen_household,
        zorgtoeslag, huurtoeslag_rekeninkomen, huurtoeslag, kinderbijslag, kinderbijslag_maand,
        kindgebonden_budget, vrijlating_alleenstaande_ouder, vrijlating_arbeid, vrijlating_inkomsten,
        vermogen_binnen_grens, stadspas_inkomensgrens, stadspas,
        collectieve_zorgverzekering_inkomensgrens, collectieve_zorgverzekering,
        bijzondere_bijstand_inkomensgrens, bijzondere_bijstand, kindregeling_inkomensgrens, kindregeling,
        meedoenregeling_inkomensgrens, meedoenregeling, individuele_inkomenstoeslag_inkomensgrens,
        individuele_inkomenstoeslag_recht, individuele_inkomenstoeslag, lokale_regelingen_maand,
        disposable_income, energy, energy_poverty, individuele_inkomenstoeslag_waarde_maand,
        meedoenregeling_waarde_maand, school, individuele_inkomenstoeslag_paar_met_kind,
        stadspas_waarde_maand, collectieve_zorgverzekering_waarde_maand, kindregeling_waarde_maand,
        bijzondere_bijstand_draagkracht,
        *([kwijtschelding_recht, kwijtschelding_waarde_maand] if "kwijtschelding" in local else []),
    ]  # fmt: skip
