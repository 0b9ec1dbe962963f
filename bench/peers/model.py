"""The rules of ``bench/handwritten_all.py`` as an OpenFisca-style tax-benefit system.

One definition serves both peers: ``build_system("openfisca")`` uses openfisca-core and
``build_system("policyengine")`` policyengine-core (a fork with the same model API). The system is
built in code, as the country template does in files: entities Person and Household (roles
applicant, partner, child, housemate), input variables, variables with formulas, and a
``ParameterNode`` made of Meedoen's own parameter values (``common.export_parameters``).

This module holds the entities and the Participatiewet (norm categories, kostendelersnorm,
vakantietoeslag, bijstand: ``bench/handwritten.py``); ``model_all`` adds income tax, toeslagen, the
municipal regelingen and the disposable income. A run asks for the results of one rule set and
OpenFisca computes only what those need.

Representation, the same as Meedoen's so that only the engines differ: money in integer cents,
birth dates as ``yyyymmdd`` integers (age = (peildatum - birth) // 10000), every variable for the
month of the peildatum. The rules follow ``meedoen/rules/formulas``; see there for the legal
explanation of each step.
"""

from __future__ import annotations

import importlib
from typing import Any

import model_all
import numpy as np

NOT_GIVEN = -1

# Norm categories in the order of Meedoen's CATEGORIES (the codes of norm_category).
CATEGORIES = (
    "geen_recht_jonger_dan_18",
    "alleenstaande_21_tot_aow",
    "gehuwden_21_tot_aow",
    "alleenstaande_aow",
    "gehuwden_beiden_aow",
    "gehuwden_een_aow",
    "jongere_alleenstaande",
    "jongere_alleenstaande_ouder",
    "jongere_gehuwden_zonder_kinderen",
    "jongere_gehuwden_met_kinderen",
    "gehuwden_een_jonger_dan_21_zonder_kinderen",
    "gehuwden_een_jonger_dan_21_met_kinderen",
    "inrichting_alleenstaande",
    "inrichting_gehuwden",
)
C = {name: code for code, name in enumerate(CATEGORIES)}


def parameter_tree(exported: dict[str, Any]) -> dict[str, Any]:
    """The YAML-like nested dict a ``ParameterNode`` is built from: each value of the peildatum
    dated on the peildatum, the AOW age with its whole history."""
    tree: dict[str, Any] = {}

    def put(path: str, leaf: dict[str, Any]) -> None:
        *parents, name = path.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[name] = leaf

    for path, value in exported["values"].items():
        if isinstance(value, dict):  # a schedule: thresholds, bases and rates as list values
            for key, values in value.items():
                put(f"{path}.{key}", {"description": f"{path} ({key})", "values": {exported["date"]: values}})
        elif not isinstance(value, str):  # PolicyEngine-core takes no text: see model_all.variables
            put(path, {"description": path, "values": {exported["date"]: value}})
    for path, dated in exported["history"].items():
        put(path, {"description": path, "values": dict(dated["values"])})
    return tree


def add_months(d: int, months: int) -> int:
    """``yyyymmdd`` plus whole months, keeping the day (as ``meedoen.rules.periods.add_months``)."""
    total = (d // 10000) * 12 + (d // 100 % 100 - 1) + months
    return (total // 12) * 10000 + (total % 12 + 1) * 100 + d % 100


def aow_birth_cutoff(months_on, first_year: int, d: int) -> int:
    """Latest birth date of anyone who has reached the AOW age on ``d``: the age is set per
    calendar year (``months_on(yyyymmdd)``) and whoever reached it in an earlier year keeps it."""
    cutoff = add_months(first_year * 10000 + 101, -months_on(first_year * 10000 + 101)) - 1
    for year in range(first_year, d // 10000 + 1):
        months = months_on(year * 10000 + 101)
        earliest = add_months(year * 10000 + 101, -months)
        latest = min(add_months(year * 10000 + 1231, -months), add_months(d, -months))
        if latest >= earliest:
            cutoff = max(cutoff, latest)
    return cutoff


def build_system(core: str, exported: dict[str, Any]) -> Any:
    """A TaxBenefitSystem of ``core`` ("openfisca" or "policyengine") with the rules and the
    parameters ``exported`` from Meedoen."""
    package = {"openfisca": "openfisca_core", "policyengine": "policyengine_core"}[core]
    api = importlib.import_module(f"{package}.model_api")
    entities = importlib.import_module(f"{package}.entities")
    systems = importlib.import_module(f"{package}.taxbenefitsystems")
    Variable, Enum, MONTH, ETERNITY = api.Variable, api.Enum, api.MONTH, api.ETERNITY

    Person = entities.build_entity(
        key="person", plural="persons", label="Persoon", doc="Een persoon in het huishouden.", is_person=True
    )
    Household = entities.build_entity(
        key="household",
        plural="households",
        label="Huishouden",
        doc="De aanvrager, de partner, de kinderen en de medebewoners op één adres.",
        roles=[
            {"key": "applicant", "label": "Aanvrager", "max": 1},
            {"key": "partner", "label": "Partner", "max": 1},
            {"key": "child", "plural": "children", "label": "Kind"},
            {"key": "housemate", "plural": "housemates", "label": "Medebewoner"},
        ],
    )
    history = exported["history"]["nl.aow.leeftijd"]["values"]
    aow_first_year = int(min(history)[:4])

    class HousingKind(Enum):
        rent = "Huur"
        own = "Koop"
        institution = "Inrichting"
        homeless = "Dakloos"

    class HouseholdType(Enum):
        single = "Alleenstaande"
        single_parent = "Alleenstaande ouder"
        couple = "Gehuwden"

    NormCategory = Enum("NormCategory", [(name, name) for name in CATEGORIES])

    def ymd(instant: Any) -> int:
        return instant.year * 10000 + instant.month * 100 + instant.day

    # -- inputs -------------------------------------------------------------------------------

    class birth(Variable):
        value_type = int
        entity = Person
        definition_period = ETERNITY
        label = "Geboortedatum (yyyymmdd)"

    class net_income(Variable):
        value_type = int
        default_value = NOT_GIVEN
        entity = Person
        definition_period = MONTH
        label = "Netto inkomen per maand in centen (-1: niet opgegeven)"

    class student_finance(Variable):
        value_type = bool
        entity = Person
        definition_period = MONTH
        label = "Ontvangt studiefinanciering of volgt BBL"

    class commercial_tenant(Variable):
        value_type = bool
        entity = Person
        definition_period = MONTH
        label = "Huurt commercieel (kamerhuur)"

    class housing_kind(Variable):
        value_type = Enum
        possible_values = HousingKind
        default_value = HousingKind.rent
        entity = Household
        definition_period = MONTH
        label = "Soort woonsituatie"

    class assets(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Vermogen in centen"

    # -- persons ------------------------------------------------------------------------------

    class age(Variable):
        value_type = int
        entity = Person
        definition_period = MONTH
        label = "Leeftijd op de peildatum"

        def formula(person, period, parameters):
            return (ymd(period.start) - person("birth", period)) // 10000

    class has_aow_age(Variable):
        value_type = bool
        entity = Person
        definition_period = MONTH
        label = "Heeft de AOW-leeftijd bereikt"

        def formula(person, period, parameters):
            def months_on(d: int) -> int:
                return parameters(f"{d // 10000:04d}-{d // 100 % 100:02d}-{d % 100:02d}").nl.aow.leeftijd

            cutoff = aow_birth_cutoff(months_on, aow_first_year, ymd(period.start))
            return person("birth", period) <= cutoff

    class is_minor_child(Variable):
        value_type = bool
        entity = Person
        definition_period = MONTH
        label = "Kind jonger dan 18 (in de bijstandseenheid)"

        def formula(person, period, parameters):
            return person.has_role(Household.CHILD) & (person("age", period) < 18)

    class is_kostendelende_medebewoner(Variable):
        value_type = bool
        entity = Person
        definition_period = MONTH
        label = "Kostendelende medebewoner (art. 19a)"

        def formula(person, period, parameters):
            p = parameters(period).nl.participatiewet.kostendelersnorm
            sharer = person.has_role(Household.CHILD) | person.has_role(Household.HOUSEMATE)
            return (
                sharer
                & (person("age", period) >= p.leeftijd_medebewoner)
                & ~person("student_finance", period)
                & ~person("commercial_tenant", period)
            )

    # -- the household ------------------------------------------------------------------------

    class has_partner(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Heeft een partner"

        def formula(household, period, parameters):
            return household.nb_persons(Household.PARTNER) > 0

    class minor_children(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Aantal kinderen jonger dan 18"

        def formula(household, period, parameters):
            return household.sum(household.members("is_minor_child", period))

    class household_type(Variable):
        value_type = Enum
        possible_values = HouseholdType
        default_value = HouseholdType.single
        entity = Household
        definition_period = MONTH
        label = "Soort huishouden"

        def formula(household, period, parameters):
            has_partner = household("has_partner", period)
            parent = household("minor_children", period) > 0
            return np.select([has_partner, parent], [2, 1], 0)

    class kostendelende_medebewoners(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Aantal kostendelende medebewoners"

        def formula(household, period, parameters):
            return household.sum(household.members("is_kostendelende_medebewoner", period))

    class applicant_age(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Leeftijd van de aanvrager"

        def formula(household, period, parameters):
            return household.value_from_person(household.members("age", period), Household.APPLICANT)

    class partner_age(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Leeftijd van de partner (0 zonder partner)"

        def formula(household, period, parameters):
            return household.value_from_person(household.members("age", period), Household.PARTNER, 0)

    class applicant_aow(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Aanvrager heeft de AOW-leeftijd"

        def formula(household, period, parameters):
            aow = household.members("has_aow_age", period)
            return household.value_from_person(aow, Household.APPLICANT)

    class partner_aow(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Partner heeft de AOW-leeftijd"

        def formula(household, period, parameters):
            aow = household.members("has_aow_age", period)
            return household.value_from_person(aow, Household.PARTNER, False)

    class kostendelers(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Aantal kostendelers (A, art. 22a lid 1)"

        def formula(household, period, parameters):
            partner = household("has_partner", period) & (household("partner_age", period) >= 21)
            return 1 + partner + household("kostendelende_medebewoners", period)

    class unit_adults_with_aow_age(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Aantal van aanvrager en partner met AOW-leeftijd"

        def formula(household, period, parameters):
            return household("applicant_aow", period).astype(np.int8) + household("partner_aow", period)

    class unit_adults_under_21(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Aantal van aanvrager en partner jonger dan 21"

        def formula(household, period, parameters):
            applicant = household("applicant_age", period) < 21
            partner = household("has_partner", period) & (household("partner_age", period) < 21)
            return applicant.astype(np.int8) + partner

    class norm_category(Variable):
        value_type = Enum
        possible_values = NormCategory
        default_value = NormCategory.geen_recht_jonger_dan_18
        entity = Household
        definition_period = MONTH
        label = "Normcategorie (art. 20-23)"

        def formula(household, period, parameters):
            couple = household("has_partner", period)
            n_aow = household("unit_adults_with_aow_age", period)
            n_young = household("unit_adults_under_21", period)
            kids = household("minor_children", period) > 0
            institution = household("housing_kind", period) == HousingKind.institution
            single = np.select(
                [n_aow > 0, n_young == 0, kids],
                [C["alleenstaande_aow"], C["alleenstaande_21_tot_aow"], C["jongere_alleenstaande_ouder"]],
                C["jongere_alleenstaande"],
            )
            couples = np.select(
                [n_aow == 2, n_aow == 1, n_young == 0, n_young == 2],
                [
                    C["gehuwden_beiden_aow"],
                    C["gehuwden_een_aow"],
                    C["gehuwden_21_tot_aow"],
                    np.where(kids, C["jongere_gehuwden_met_kinderen"], C["jongere_gehuwden_zonder_kinderen"]),
                ],
                np.where(
                    kids,
                    C["gehuwden_een_jonger_dan_21_met_kinderen"],
                    C["gehuwden_een_jonger_dan_21_zonder_kinderen"],
                ),
            )
            return np.select(
                [household("applicant_age", period) < 18, institution & couple, institution, couple],
                [
                    C["geen_recht_jonger_dan_18"],
                    C["inrichting_gehuwden"],
                    C["inrichting_alleenstaande"],
                    couples,
                ],
                single,
            )

    class standaardnorm(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Bijstandsnorm zonder kostendelersnorm, inclusief vakantietoeslag"

        def formula(household, period, parameters):
            normen = parameters(period).nl.participatiewet.normen
            table = np.array([0] + [normen[name] for name in CATEGORIES[1:]], np.int64)
            return table[np.asarray(household("norm_category", period))]

    class kostendelersnorm_van_toepassing(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "Kostendelersnorm is van toepassing"

        def formula(household, period, parameters):
            adults = 1 + household("has_partner", period)
            applies = (
                (household("kostendelende_medebewoners", period) > 0)
                & (household("unit_adults_under_21", period) < adults)
                & (household("applicant_age", period) >= 18)
                & (household("housing_kind", period) != HousingKind.institution)
            )
            if ymd(period.start) < 20260101:
                return applies
            # art. 22a lid 4 (from 2026): not for an applicant who lives in temporarily to give care
            carer = household.members("temporary_informal_carer", period)
            return applies & ~household.value_from_person(carer, Household.APPLICANT)

    class kostendelersnorm(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Kostendelersnorm per maand, inclusief vakantietoeslag (art. 22a)"

        def formula(household, period, parameters):
            p = parameters(period).nl.participatiewet
            normen = p.normen
            a = household("kostendelers", period).astype(np.int64)
            numerator = p.kostendelersnorm.vast_deel + a * p.kostendelersnorm.per_persoon
            young = np.where(
                household("minor_children", period) > 0,
                normen.kostendelers_jongere_echtgenoot_met_kinderen,
                normen.kostendelers_jongere_echtgenoot_zonder_kinderen,
            )
            aow_applicant, aow_partner = household("applicant_aow", period), household("partner_aow", period)

            def personal(own_aow, other_aow, own_age):
                b = np.where(
                    own_aow,
                    normen.gehuwden_beiden_aow,
                    np.where(other_aow, normen.gehuwden_een_aow, normen.gehuwden_21_tot_aow),
                )
                share = (2 * b * numerator + 100 * a) // (200 * a)  # rounded half up to the cent
                return np.where(own_age >= 21, share, young)

            applicant = personal(aow_applicant, aow_partner, household("applicant_age", period))
            partner = personal(aow_partner, aow_applicant, household("partner_age", period))
            return applicant + np.where(household("has_partner", period), partner, 0)

    class norm(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Bijstandsnorm per maand, inclusief vakantietoeslag"

        def formula(household, period, parameters):
            return np.where(
                household("kostendelersnorm_van_toepassing", period),
                household("kostendelersnorm", period),
                household("standaardnorm", period),
            )

    class norm_excl_vakantietoeslag(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Bijstandsnorm per maand, exclusief vakantietoeslag"

        def formula(household, period, parameters):
            basis_points = round(parameters(period).nl.participatiewet.vakantietoeslag * 10000)
            norm = household("norm", period).astype(np.int64)
            return (2 * norm * (10000 - basis_points) + 10000) // 20000

    class vakantietoeslag(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Vakantietoeslag per maand (art. 19 lid 3)"

        def formula(household, period, parameters):
            return household("norm", period) - household("norm_excl_vakantietoeslag", period)

    class income_net_month(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Netto inkomen van aanvrager en partner per maand"

        def formula(household, period, parameters):
            net = household.members("net_income_person_month", period)
            applicant = household.value_from_person(net, Household.APPLICANT)
            return applicant + household.value_from_person(net, Household.PARTNER, 0)

    class vermogensgrens(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Vermogensgrens (art. 34 lid 3)"

        def formula(household, period, parameters):
            limits = parameters(period).nl.participatiewet.vermogensgrens
            table = np.array([limits.alleenstaande, limits.alleenstaande_ouder, limits.gehuwden], np.int64)
            return table[np.asarray(household("household_type", period))]

    class bijstand(Variable):
        value_type = int
        entity = Household
        definition_period = MONTH
        label = "Bijstand per maand"

        def formula(household, period, parameters):
            # the income counted: the unit's net income minus the earnings disregard (art. 31 lid 2)
            income = household("income_net_month", period) - household("vrijlating_inkomsten", period)
            counted, norm = np.maximum(income, 0), household("norm", period)
            right = (
                household("vermogen_binnen_grens", period)
                & (household("applicant_age", period) >= 18)
                & (counted < norm)
            )
            return np.where(right, norm - counted, 0)

    system = systems.TaxBenefitSystem([Person, Household])
    for var in (
        birth, net_income, student_finance, commercial_tenant, housing_kind, assets, age, has_aow_age,
        is_minor_child, is_kostendelende_medebewoner, has_partner,
        minor_children, household_type, kostendelende_medebewoners, applicant_age, partner_age,
        applicant_aow, partner_aow, kostendelers, unit_adults_with_aow_age, unit_adults_under_21,
        norm_category, standaardnorm, kostendelersnorm_van_toepassing, kostendelersnorm, norm,
        norm_excl_vakantietoeslag, vakantietoeslag, income_net_month, vermogensgrens, bijstand,
    ):  # fmt: skip
        system.add_variable(var)
    municipality = exported["municipality"]
    prefix = f"gemeenten.{municipality}."
    local = {path[len(prefix) :].split(".")[0] for path in exported["values"] if path.startswith(prefix)}
    reference = exported["values"][f"{prefix}inkomensgrenzen.referentienorm"]
    local_paths = frozenset(path[len(prefix) :] for path in exported["values"] if path.startswith(prefix))
    for var in model_all.variables(
        api, Person, Household, HousingKind, HouseholdType, municipality, local, reference,
        valued=frozenset(exported.get("valued", ())), not_found=frozenset(exported.get("not_found", ())),
        local_paths=local_paths,
        texts={
            path[len(prefix) :]: value
            for path, value in exported["values"].items()
            if path.startswith(prefix) and isinstance(value, str)
        },
    ):  # fmt: skip
        system.add_variable(var)
    system.parameters = api.ParameterNode("", data=parameter_tree(exported))
    return system
